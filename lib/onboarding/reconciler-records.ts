import "server-only";
import { and, asc, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import {
  auditEvents,
  claims,
  devices,
  pairingSessions,
  usernameReservations,
  type Claim,
  type UserDisposition,
} from "@/lib/db/schema";

export const RECONCILER_ACTOR = "reconciler";

const OPEN_STAGES = ["created", "scanned"] as const;
const ENDED_STATES = ["cancelled", "expired"] as const;

const heldReservation = sql`exists (select 1 from ${usernameReservations} where ${usernameReservations.claimId} = ${claims.id} and ${usernameReservations.state} = 'held')`;
const openSession = sql`exists (select 1 from ${pairingSessions} where ${pairingSessions.claimId} = ${claims.id} and ${pairingSessions.stage} in ('created', 'scanned'))`;

/**
 * Claims with something left to do, oldest first, not leased by anyone: pending ones past their lifetime (and past
 * the grace period after their last create was sent), and ended ones still holding a username, an open session,
 * or a created user nobody has decided about. A session's own expiry never makes a claim a candidate.
 */
export async function findReconcilable(
  db: Database,
  input: { now: Date; graceMs: number; limit: number },
): Promise<Claim[]> {
  const graceCutoff = new Date(input.now.getTime() - input.graceMs);
  return db
    .select()
    .from(claims)
    .where(
      and(
        or(isNull(claims.leaseUntil), lt(claims.leaseUntil, input.now)),
        or(
          and(
            eq(claims.state, "pending"),
            lt(claims.expiresAt, input.now),
            or(isNull(claims.createSentAt), lt(claims.createSentAt, graceCutoff)),
          ),
          and(
            inArray(claims.state, [...ENDED_STATES]),
            or(
              and(eq(claims.userCreated, true), isNull(claims.userDisposition)),
              heldReservation,
              openSession,
            ),
          ),
        ),
      ),
    )
    .orderBy(asc(claims.expiresAt))
    .limit(input.limit);
}

/**
 * Whether the Medium One user of this claim still serves someone: a device owned by a claim under the same
 * username, or another live claim that (also) proved it made this user. Such a user is never disabled.
 */
export async function userInUse(db: Database, claim: Pick<Claim, "id" | "loginId">): Promise<boolean> {
  const folded = claim.loginId.toLowerCase();
  const [live] = await db
    .select({ id: claims.id })
    .from(claims)
    .where(
      and(
        sql`lower(${claims.loginId}) = ${folded}`,
        ne(claims.id, claim.id),
        inArray(claims.state, ["pending", "owner"]),
        eq(claims.userCreated, true),
      ),
    )
    .limit(1);
  if (live) return true;
  const [owned] = await db
    .select({ id: devices.id })
    .from(devices)
    .innerJoin(claims, eq(claims.id, devices.ownerClaimId))
    .where(sql`lower(${claims.loginId}) = ${folded}`)
    .limit(1);
  return owned !== undefined;
}

/** Lifts the lease only if it is still ours (a later holder's lease is left alone). */
export async function releaseOwnLease(db: Database, claimId: string, lease: Date): Promise<void> {
  await db
    .update(claims)
    .set({ leaseUntil: null })
    .where(and(eq(claims.id, claimId), eq(claims.leaseUntil, lease)));
}

export interface ClosedClaim {
  expired: boolean;
  sessionsCancelled: number;
  reservationReleased: boolean;
}

/**
 * Ends a pending claim past its lifetime (or tidies an ended one): state `expired`, open sessions cancelled,
 * username released, one audit event, in one transaction. Returns null when our lease was lost meanwhile.
 */
export async function closeClaim(
  db: Database,
  claim: Claim,
  lease: Date,
  now: Date,
): Promise<ClosedClaim | null> {
  return db.transaction(async (tx) => {
    const expire = claim.state === "pending";
    // For an ended claim the update changes nothing: it only proves, inside this transaction, the lease is ours.
    const [held] = await tx
      .update(claims)
      .set(expire ? { state: "expired", endedAt: now, endReason: "lifetime_over" } : { leaseUntil: lease })
      .where(and(eq(claims.id, claim.id), eq(claims.leaseUntil, lease), eq(claims.state, claim.state)))
      .returning({ id: claims.id });
    if (!held) return null;
    const reason = expire ? "claim_expired" : (claim.endReason ?? "claim_ended");
    const sessions = await tx
      .update(pairingSessions)
      .set({ stage: "cancelled", cancelledAt: now, cancelReason: reason })
      .where(and(eq(pairingSessions.claimId, claim.id), inArray(pairingSessions.stage, [...OPEN_STAGES])))
      .returning({ id: pairingSessions.id });
    const released = await tx
      .update(usernameReservations)
      .set({ state: "released", releasedAt: now, releaseReason: reason })
      .where(and(eq(usernameReservations.claimId, claim.id), eq(usernameReservations.state, "held")))
      .returning({ id: usernameReservations.id });
    const closed: ClosedClaim = {
      expired: expire,
      sessionsCancelled: sessions.length,
      reservationReleased: released.length > 0,
    };
    if (expire || sessions.length > 0 || released.length > 0) {
      await tx.insert(auditEvents).values({
        at: now,
        actor: RECONCILER_ACTOR,
        action: expire ? "reconciler.claim_expired" : "reconciler.claim_closed",
        deviceId: claim.deviceId,
        details: {
          claimId: claim.id,
          attemptId: claim.attemptId,
          loginId: claim.loginId,
          createOutcome: claim.createOutcome,
          userCreated: claim.userCreated,
          cancelledSessions: sessions.map((s) => s.id),
          reservationReleased: closed.reservationReleased,
        },
      });
    }
    return closed;
  });
}

export const DISPOSITION_EVENTS: Readonly<Record<UserDisposition, string>> = {
  disabled: "reconciler.user_disabled",
  listed_for_portal: "reconciler.user_needs_portal_cleanup",
  not_found: "reconciler.user_not_found",
  kept_in_use: "reconciler.user_kept",
};

/** Records, once, what became of the user an ended claim created. False when our lease was lost meanwhile. */
export async function recordDisposition(
  db: Database,
  claim: Claim,
  lease: Date,
  disposition: UserDisposition,
  now: Date,
  details: Record<string, unknown> = {},
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(claims)
      .set({ userDisposition: disposition, userDispositionAt: now })
      .where(and(eq(claims.id, claim.id), eq(claims.leaseUntil, lease), isNull(claims.userDisposition)))
      .returning({ id: claims.id });
    if (!updated) return false;
    await tx.insert(auditEvents).values({
      at: now,
      actor: RECONCILER_ACTOR,
      action: DISPOSITION_EVENTS[disposition],
      deviceId: claim.deviceId,
      details: { claimId: claim.id, attemptId: claim.attemptId, loginId: claim.loginId, ...details },
    });
    return true;
  });
}

/** What a dry run needs to know about a claim without taking it: open sessions and a held username. */
export async function pendingWorkOf(
  db: Database,
  claimId: string,
): Promise<{ openSessions: number; reservationHeld: boolean }> {
  const [sessions] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(pairingSessions)
    .where(and(eq(pairingSessions.claimId, claimId), inArray(pairingSessions.stage, [...OPEN_STAGES])));
  const [held] = await db
    .select({ id: usernameReservations.id })
    .from(usernameReservations)
    .where(and(eq(usernameReservations.claimId, claimId), eq(usernameReservations.state, "held")))
    .limit(1);
  return { openSessions: sessions?.n ?? 0, reservationHeld: held !== undefined };
}
