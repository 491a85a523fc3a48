import { TIMING } from "./protocol";

/** The stage a pairing session is in, as the app and support read it. */
export type SessionStage = "created" | "scanned" | "delivered" | "connected" | "expired" | "cancelled";

interface StageFields {
  stage: "created" | "scanned" | "delivered" | "connected" | "cancelled";
  expiresAt: Date;
  redeemedAt: Date | null;
}

/**
 * `expired` is read off the clock, not stored: a session that was never delivered is expired once its lifetime
 * is over, except that a session redeemed in time keeps a short grace for its ack.
 */
export function sessionStage(session: StageFields, now: Date): SessionStage {
  if (session.stage !== "created" && session.stage !== "scanned") return session.stage;
  return isOpen(session, now) ? session.stage : "expired";
}

/** Whether the device may still use the session (hello, redeem, ack). */
export function isOpen(session: StageFields, now: Date): boolean {
  if (session.stage !== "created" && session.stage !== "scanned") return false;
  if (now < session.expiresAt) return true;
  return (
    session.redeemedAt !== null && now.getTime() < session.redeemedAt.getTime() + TIMING.ackGraceAfterRedeemMs
  );
}
