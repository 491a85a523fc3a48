import "server-only";
import { findAttempt, runStep } from "./attempts";
import { findClaim } from "./claim-records";
import { proveClaimPassword, ticketForClaim } from "./claim-ticket";
import type { PairingTicket, RenewInput } from "./contract";
import type { OnboardingDeps } from "./deps";
import { ClaimEnded } from "./errors";
import { setupLimits, take } from "./limits";

/**
 * A new QR for a claim after expiry or a reload: the claim's own password, checked by logging in as its user,
 * opens a new session that replaces the old one. A wrong password changes nothing.
 */
export async function renewPairing(deps: OnboardingDeps, input: RenewInput): Promise<PairingTicket> {
  const limits = setupLimits(deps);
  const claim = await findClaim(deps.db, input.claimId);
  const attempt = claim?.attemptId ? await findAttempt(deps.db, claim.attemptId) : null;
  if (!claim || !attempt) throw new ClaimEnded();
  return runStep(deps, attempt, "renew", async () => {
    await take(limits.renewPerClient, deps.clientKey);
    const live = (claim.state === "pending" || claim.state === "owner") && claim.userCreated;
    if (!live || (claim.state === "pending" && claim.expiresAt <= deps.clock.now())) throw new ClaimEnded();
    const user = await proveClaimPassword(
      deps,
      limits,
      claim,
      input.password,
      "That is not the password this device was set up with.",
    );
    const ticket = await ticketForClaim(deps, claim, user, input.password, attempt.supportCode);
    return { outcome: "session_renewed", result: ticket };
  });
}
