import "server-only";
import { eq } from "drizzle-orm";
import { writeAudit } from "@/lib/auth/audit";
import { repairLinks } from "@/lib/db/schema";
import { runStep, startAttempt } from "@/lib/onboarding/attempts";
import { proveClaimPassword, ticketForClaim } from "@/lib/onboarding/claim-ticket";
import type { PairingTicket } from "@/lib/onboarding/contract";
import type { OnboardingDeps } from "@/lib/onboarding/deps";
import { PasswordTooWeak } from "@/lib/onboarding/errors";
import { setupLimits, take } from "@/lib/onboarding/limits";
import { passwordRuleOf } from "@/lib/onboarding/password-rule";
import { passwordProblem } from "@/lib/onboarding/password-strength";
import { limiter } from "@/lib/security/rate-limit";
import { LinkUnusable, PasswordResetUnavailable } from "./errors";
import { sealHeldPassword } from "./held-password";
import { findUsableLink, spendLink, unspendLink, type UsableLink } from "./repair-links";
import type { PasswordResetInput, RepairWithLinkInput } from "./schemas";

const NOT_THE_PASSWORD = "That is not the password this device was set up with.";

/** Uses of links per client: tokens cannot be guessed, but every use may log in to Medium One. */
const linkUsesPerClient = (deps: OnboardingDeps) =>
  limiter(deps.db, "support-link-use-client", { points: 20, durationSec: 3600 });

/**
 * The link's pass through setup is an attempt like any other (step `repair`), so the consumer gets a support code
 * and the device's timeline shows it. A link has no typed code: the attempt records the device's own code HMAC.
 */
async function linkStep(
  deps: OnboardingDeps,
  token: string,
  kind: UsableLink["link"]["kind"],
  body: (found: UsableLink, supportCode: string) => Promise<PairingTicket>,
): Promise<PairingTicket> {
  await take(linkUsesPerClient(deps), deps.clientKey);
  const found = await findUsableLink(deps.db, token, deps.clock.now());
  if (!found || found.link.kind !== kind) throw new LinkUnusable();
  const attempt = await startAttempt(deps.db, {
    codeHmac: found.device.codeHmac,
    deviceId: found.device.id,
    clientKey: deps.clientKey,
    step: "repair",
    outcome: "started",
    now: deps.clock.now(),
  });
  return runStep(deps, attempt, "repair", async () => ({
    outcome: "session_issued",
    result: await body(found, attempt.supportCode),
  }));
}

/** Spends the link, issues the ticket, and gives the link back if no ticket came of it. */
async function spendForTicket(
  deps: OnboardingDeps,
  found: UsableLink,
  issue: () => Promise<PairingTicket>,
): Promise<PairingTicket> {
  await spendLink(deps.db, found.link.id, deps.clock.now());
  try {
    return await issue();
  } catch (error) {
    await unspendLink(deps.db, found.link.id);
    throw error;
  }
}

/**
 * A support-issued re-pair: the owner proves ownership with the device's current password (a login as the
 * device's user, within the login budget), and gets a new pairing QR on their claim, the way "already set up" does.
 * A wrong password leaves the link unspent.
 */
export async function repairWithLink(
  deps: OnboardingDeps,
  input: RepairWithLinkInput,
): Promise<PairingTicket> {
  return linkStep(deps, input.token, "repair", async (found, supportCode) => {
    const user = await proveClaimPassword(
      deps,
      setupLimits(deps),
      found.claim,
      input.password,
      NOT_THE_PASSWORD,
    );
    const ticket = await spendForTicket(deps, found, () =>
      ticketForClaim(deps, found.claim, user, input.password, supportCode),
    );
    await recordUse(deps, found, ticket, "device.repair_link_used", supportCode, {});
    return ticket;
  });
}

/**
 * A support-issued password reset: the new password goes into the new pairing session's bundle and is held here,
 * encrypted, until the device redeems that session (lib/support/held-password-apply.ts); only then does Medium
 * One learn it, so the old password keeps working until the device itself is present.
 */
export async function resetPasswordWithLink(
  deps: OnboardingDeps,
  input: PasswordResetInput,
): Promise<PairingTicket> {
  const business = deps.mediumOne.account;
  if (!business.can("patchUser") || !business.can("getUser")) throw new PasswordResetUnavailable();
  return linkStep(deps, input.token, "password_reset", async (found, supportCode) => {
    const loginId = found.claim.loginId;
    const weak = passwordProblem(input.password, passwordRuleOf(deps.config.onboarding), [loginId]);
    if (weak) throw new PasswordTooWeak(weak);
    // The consumer cannot log in (that is why they are here): the business account reads the MQTT ID instead.
    const user = { getSelf: () => business.getUser(loginId) };
    const ticket = await spendForTicket(deps, found, () =>
      ticketForClaim(deps, found.claim, user, input.password, supportCode),
    );
    await deps.db
      .update(repairLinks)
      .set({
        pairingSessionId: ticket.sessionId,
        heldPassword: sealHeldPassword(deps.config.secrets.dataEncryptionKey, found.link.id, input.password),
      })
      .where(eq(repairLinks.id, found.link.id));
    await recordUse(deps, found, ticket, "device.password_reset_link_used", supportCode, {
      passwordHeldUntilRedeemed: true,
    });
    return ticket;
  });
}

async function recordUse(
  deps: OnboardingDeps,
  found: UsableLink,
  ticket: PairingTicket,
  action: string,
  supportCode: string,
  extra: Record<string, unknown>,
): Promise<void> {
  if (found.link.kind === "repair") {
    await deps.db
      .update(repairLinks)
      .set({ pairingSessionId: ticket.sessionId })
      .where(eq(repairLinks.id, found.link.id));
  }
  await writeAudit(deps.db, deps.clock.now(), {
    actor: "consumer",
    action,
    deviceId: found.device.id,
    supportCode,
    details: { linkId: found.link.id, claimId: found.claim.id, sessionId: ticket.sessionId, ...extra },
  });
}
