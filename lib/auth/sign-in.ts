import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { staffUsers, type StaffUser } from "@/lib/db/schema/staff";
import type { Clock } from "@/lib/security/clock";
import { RateLimitedError } from "@/lib/security/rate-limit";
import { writeAudit } from "./audit";
import { dummyPasswordHash, verifyPassword } from "./passwords";
import { clearUsernameLimit, signInLimiters, usernameLimitKey } from "./sign-in-limits";
import { findStaffByUsername, foldUsername } from "./staff-users";
import type { StaffIdentity } from "./staff-session";

export interface SignInDeps {
  db: Database;
  clock: Clock;
  authSecret: string;
}

export interface SignInAttempt {
  username: string;
  password: string;
  /** The keyed client group of the request (lib/http/request-context.ts), never a raw address. */
  clientKey: string;
}

/**
 * `invalid` covers a wrong password, an unknown username and a disabled account alike; `locked` covers a locked
 * username (known or not) and a locked client. Neither says whether the account exists.
 */
export type SignInOutcome = { ok: true; staff: StaffIdentity } | { ok: false; reason: "invalid" | "locked" };

/** Verifies a staff sign-in, counting it against the lockout budgets and auditing it (never the password). */
export async function attemptStaffSignIn(deps: SignInDeps, attempt: SignInAttempt): Promise<SignInOutcome> {
  const { db, clock } = deps;
  const username = foldUsername(attempt.username);
  const userKey = usernameLimitKey(deps.authSecret, username);
  const limits = signInLimiters(db);
  // Looked up first whatever happens next, so a known and an unknown username cost the same work.
  const row = await findStaffByUsername(db, username);

  try {
    await limits.perClient.consume(attempt.clientKey);
    await limits.perUsername.consume(userKey);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    await recordLockout(deps, row, attempt.clientKey, userKey, error);
    return { ok: false, reason: "locked" };
  }
  if (row?.lockedUntil && row.lockedUntil > clock.now()) {
    await recordLockout(deps, row, attempt.clientKey, userKey, null);
    return { ok: false, reason: "locked" };
  }

  // Unknown usernames are verified against a dummy hash of the same cost: same work, same answer.
  const matches = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), attempt.password);
  if (!row || !matches || row.disabled) {
    await recordFailure(deps, row, attempt.clientKey);
    return { ok: false, reason: "invalid" };
  }

  const at = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: at, updatedAt: at })
      .where(eq(staffUsers.id, row.id));
    await writeAudit(tx, at, { actor: `staff:${row.id}`, action: "staff.sign_in" });
  });
  await clearUsernameLimit(db, deps.authSecret, username);
  return {
    ok: true,
    staff: { id: row.id, username: row.username, displayName: row.displayName, role: row.role },
  };
}

async function recordFailure(deps: SignInDeps, row: StaffUser | null, clientKey: string): Promise<void> {
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (row) {
      await tx
        .update(staffUsers)
        .set({ failedSignIns: sql`${staffUsers.failedSignIns} + 1`, updatedAt: at })
        .where(eq(staffUsers.id, row.id));
    }
    // The typed username is not recorded (it may be a password typed into the wrong field); a known account is.
    await writeAudit(tx, at, {
      actor: "anonymous",
      action: "staff.sign_in_failed",
      details: { staffId: row?.id ?? null, client: clientKey },
    });
  });
}

/**
 * A refused, locked sign-in. A known account gets `locked_until` (what the staff page shows), set to the end of the
 * limiter's block so it never outlasts the lock an unknown username would get. One audit event per client and
 * username per window.
 */
async function recordLockout(
  deps: SignInDeps,
  row: StaffUser | null,
  clientKey: string,
  userKey: string,
  limited: RateLimitedError | null,
): Promise<void> {
  const at = deps.clock.now();
  const scope = limited?.limit === "staff-sign-in-client" ? "client" : "username";
  if (row && limited && scope === "username" && !(row.lockedUntil && row.lockedUntil > at)) {
    await deps.db
      .update(staffUsers)
      .set({ lockedUntil: new Date(at.getTime() + limited.retryAfterSec * 1000), updatedAt: at })
      .where(eq(staffUsers.id, row.id));
  }
  try {
    await signInLimiters(deps.db).lockoutAudit.consume(`${clientKey}:${userKey}`);
  } catch (error) {
    if (error instanceof RateLimitedError) return;
    throw error;
  }
  await writeAudit(deps.db, at, {
    actor: "anonymous",
    action: "staff.sign_in_locked",
    details: { staffId: row?.id ?? null, client: clientKey, scope },
  });
}
