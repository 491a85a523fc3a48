import "server-only";
import { createHmac } from "node:crypto";
import type { Database } from "@/lib/db/client";
import { limiter, type LimitSpec } from "@/lib/security/rate-limit";

/**
 * Sign-in lockout: 5 attempts per 15 minutes per username, 20 per client group (one office behind one address has
 * several staff). An exhausted budget blocks for 15 minutes from the refused attempt. Unknown usernames are counted
 * exactly like known ones, so a lockout says nothing about whether an account exists.
 */
export const SIGN_IN_LIMITS = {
  perUsername: { points: 5, durationSec: 15 * 60, blockSec: 15 * 60 },
  perClient: { points: 20, durationSec: 15 * 60, blockSec: 15 * 60 },
  /** One lockout audit event per client and username per window, however often a locked sign-in is retried. */
  lockoutAudit: { points: 1, durationSec: 15 * 60 },
} as const satisfies Record<string, LimitSpec>;

/**
 * The limiter key of a username: a keyed hash, so the rate-limit table never holds what was typed (people type
 * passwords into username fields).
 */
export function usernameLimitKey(authSecret: string, foldedUsername: string): string {
  return createHmac("sha256", authSecret).update(`staff-sign-in\0${foldedUsername}`).digest("base64url");
}

export function signInLimiters(db: Database) {
  return {
    perUsername: limiter(db, "staff-sign-in-username", SIGN_IN_LIMITS.perUsername),
    perClient: limiter(db, "staff-sign-in-client", SIGN_IN_LIMITS.perClient),
    lockoutAudit: limiter(db, "staff-sign-in-lockout-audit", SIGN_IN_LIMITS.lockoutAudit),
  };
}

/** Forgets a username's failed attempts (a successful sign-in, an admin's password reset). */
export async function clearUsernameLimit(
  db: Database,
  authSecret: string,
  foldedUsername: string,
): Promise<void> {
  await signInLimiters(db).perUsername.reset(usernameLimitKey(authSecret, foldedUsername));
}
