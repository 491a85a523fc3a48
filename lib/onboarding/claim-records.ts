import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import {
  auditEvents,
  claims,
  devices,
  termsAcceptances,
  usernameReservations,
  type Claim,
  type CreateOutcome,
} from "@/lib/db/schema";
import { createClaim } from "@/lib/pairing/sessions";
import { raiseMultipleClientAlert } from "./alerts";
import { AlreadySetUp, LimitReached } from "./errors";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The claim holding a username (case-folded), if any. */
export async function findHolder(db: Database, loginIdFolded: string): Promise<Claim | null> {
  const [row] = await db
    .select({ claim: claims })
    .from(usernameReservations)
    .innerJoin(claims, eq(claims.id, usernameReservations.claimId))
    .where(and(eq(usernameReservations.loginIdFolded, loginIdFolded), eq(usernameReservations.state, "held")))
    .limit(1);
  return row?.claim ?? null;
}

/** Another request reserved the same username between our look-up and our insert. */
export class ReservationRace extends Error {}

export interface NewClaimInput {
  deviceId: string;
  loginId: string;
  loginIdFolded: string;
  clientKey: string;
  attemptId: string;
  termsVersion: string;
  lifetimeMs: number;
  capPerDeviceClient: number;
  leaseMs: number;
  now: Date;
}

/**
 * A pending claim with its username reservation, terms acceptance and audit event, in one transaction under the
 * device row's lock (the order the device API locks in), so the pending-claim cap holds under concurrency.
 * The claim is born leased to the request that made it.
 */
export async function reserveClaim(db: Database, input: NewClaimInput): Promise<Claim> {
  return db.transaction(async (tx) => {
    const [device] = await tx
      .select({ ownerClaimId: devices.ownerClaimId })
      .from(devices)
      .where(eq(devices.id, input.deviceId))
      .for("update");
    if (device?.ownerClaimId) throw new AlreadySetUp();
    const [pending] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(claims)
      .where(
        and(
          eq(claims.deviceId, input.deviceId),
          eq(claims.clientKey, input.clientKey),
          eq(claims.state, "pending"),
        ),
      );
    if ((pending?.n ?? 0) >= input.capPerDeviceClient) {
      throw new LimitReached(
        "You already have several setups of this device waiting. Finish one of them, or wait a day and try again.",
      );
    }
    const clock = { now: () => input.now };
    const base = await createClaim(tx, {
      deviceId: input.deviceId,
      loginId: input.loginId,
      clock,
      lifetimeMs: input.lifetimeMs,
    });
    const [claim] = await tx
      .update(claims)
      .set({
        clientKey: input.clientKey,
        attemptId: input.attemptId,
        leaseUntil: new Date(input.now.getTime() + input.leaseMs),
      })
      .where(eq(claims.id, base.id))
      .returning();
    const reserved = await tx
      .insert(usernameReservations)
      .values({ loginIdFolded: input.loginIdFolded, claimId: base.id, createdAt: input.now })
      .onConflictDoNothing()
      .returning({ id: usernameReservations.id });
    if (reserved.length === 0) throw new ReservationRace();
    await tx.insert(termsAcceptances).values({
      claimId: base.id,
      attemptId: input.attemptId,
      deviceId: input.deviceId,
      loginId: input.loginId,
      termsVersion: input.termsVersion,
      acceptedAt: input.now,
      ipHash: input.clientKey,
    });
    await tx.insert(auditEvents).values({
      at: input.now,
      actor: "consumer",
      action: "claim.created",
      deviceId: input.deviceId,
      details: { claimId: base.id, attemptId: input.attemptId, loginId: input.loginId },
    });
    await raiseMultipleClientAlert(tx, input.deviceId, input.clientKey, input.now);
    return claim!;
  });
}

/**
 * Takes the claim's lease (a saga step or, later, the reconciler works on it alone); false when another holds it.
 * Returns the claim as it is now, so the caller continues from the latest recorded state.
 */
export async function takeLease(db: Database, claimId: string, now: Date, leaseMs: number) {
  const [claim] = await db
    .update(claims)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(eq(claims.id, claimId), or(isNull(claims.leaseUntil), lt(claims.leaseUntil, now))))
    .returning();
  return claim ?? null;
}

export async function releaseLease(db: Database, claimId: string): Promise<void> {
  await db.update(claims).set({ leaseUntil: null }).where(eq(claims.id, claimId));
}

export async function findClaim(db: Database, claimId: string): Promise<Claim | null> {
  const [claim] = await db.select().from(claims).where(eq(claims.id, claimId));
  return claim ?? null;
}

/** The intent, written before the create is sent: a reconciler seeing it without an outcome knows to look. */
export async function recordCreateIntent(db: Database, claim: Claim, send: number, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(claims).set({ createSentAt: now }).where(eq(claims.id, claim.id));
    await tx.insert(auditEvents).values({
      at: now,
      actor: "consumer",
      action: "medium_one.user_create_intent",
      deviceId: claim.deviceId,
      details: { claimId: claim.id, loginId: claim.loginId, send, account: "configured" },
    });
  });
}

/** Outcomes after which the claim cannot go on: it ends and its username is free again. */
const ENDING: Partial<Record<CreateOutcome, string>> = {
  taken: "username_taken",
  password_rejected: "password_rejected",
};

export async function recordCreateOutcome(
  db: Database,
  claim: Claim,
  outcome: CreateOutcome,
  now: Date,
  details: Record<string, unknown> = {},
): Promise<Claim> {
  const endReason = ENDING[outcome];
  const userCreated = outcome === "created" || outcome === "accepted";
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(claims)
      .set({
        createOutcome: outcome,
        createOutcomeAt: now,
        ...(userCreated ? { userCreated: true } : {}),
        ...(endReason ? { state: "cancelled" as const, endedAt: now, endReason } : {}),
      })
      .where(eq(claims.id, claim.id))
      .returning();
    if (endReason) await releaseReservation(tx, claim.id, endReason, now);
    await tx.insert(auditEvents).values({
      at: now,
      actor: "consumer",
      action: "medium_one.user_create_outcome",
      deviceId: claim.deviceId,
      details: { claimId: claim.id, loginId: claim.loginId, outcome, ...details },
    });
    return updated!;
  });
}

async function releaseReservation(tx: Tx, claimId: string, reason: string, now: Date): Promise<void> {
  await tx
    .update(usernameReservations)
    .set({ state: "released", releasedAt: now, releaseReason: reason })
    .where(and(eq(usernameReservations.claimId, claimId), eq(usernameReservations.state, "held")));
}

export async function termsVersionOf(db: Database, claimId: string): Promise<string | null> {
  const [row] = await db
    .select({ version: termsAcceptances.termsVersion })
    .from(termsAcceptances)
    .where(eq(termsAcceptances.claimId, claimId));
  return row?.version ?? null;
}
