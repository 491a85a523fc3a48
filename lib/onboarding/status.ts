import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { attempts, claims, pairingSessions } from "@/lib/db/schema";
import { readSessionStatus } from "@/lib/pairing/sessions";
import type { PairingStatusView } from "./contract";
import type { OnboardingDeps } from "./deps";
import { setupLimits, take } from "./limits";

/** Events from this long before the connected report count as the device's first message (clock skew). */
const FIRST_MESSAGE_SLACK_MS = 5 * 60_000;

/** What the pairing page polls; null for a session that does not exist (the route answers 404). */
export async function pairingStatus(
  deps: OnboardingDeps,
  sessionId: string,
): Promise<PairingStatusView | null> {
  await take(setupLimits(deps).statusPerClient, deps.clientKey);
  const status = await readSessionStatus(deps.db, sessionId, deps.clock);
  if (!status) return null;
  const [claim] = await deps.db.select().from(claims).where(eq(claims.id, status.claimId));
  if (!claim) return null;
  const [session] = await deps.db
    .select({ connectedAt: pairingSessions.connectedAt })
    .from(pairingSessions)
    .where(eq(pairingSessions.id, sessionId));
  const connectedAt = session?.connectedAt ?? null;
  if (status.stage === "connected" && claim.attemptId) {
    await deps.db
      .update(attempts)
      .set({ step: "connected", outcome: "connected", updatedAt: deps.clock.now() })
      .where(and(eq(attempts.id, claim.attemptId), ne(attempts.step, "connected")));
  }
  return {
    stage: status.stage,
    claim: claimView(claim.state, claim.endReason),
    expiresAt: status.expiresAt.toISOString(),
    connectedAt: connectedAt?.toISOString() ?? null,
    firstMessage:
      status.stage === "connected" && connectedAt
        ? await firstMessage(deps, claim.loginId, connectedAt)
        : null,
  };
}

function claimView(state: string, endReason: string | null): PairingStatusView["claim"] {
  if (state === "pending" || state === "owner") return state;
  return state === "cancelled" && endReason === "another_claim_won" ? "lost" : "ended";
}

/** Only a business account can read a user's events; elsewhere (or when Medium One fails) the answer is null. */
async function firstMessage(
  deps: OnboardingDeps,
  loginId: string,
  connectedAt: Date,
): Promise<boolean | null> {
  const account = deps.mediumOne.account;
  if (!account.can("readEvents")) return null;
  try {
    const events = await account.readEvents("raw", loginId, {
      since: new Date(connectedAt.getTime() - FIRST_MESSAGE_SLACK_MS),
      limit: 1,
    });
    return events.length > 0;
  } catch {
    return null;
  }
}
