import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { auditEvents, claims, pairingSessions, type Claim, type PairingSession } from "@/lib/db/schema";
import type { Device } from "@/lib/db/schema/devices";
import type { Clock } from "@/lib/security/clock";
import { base64urlEncode, bytesToHex } from "./crypto/bytes";
import { deriveSessionSecrets, encryptBundle, randomQrSecret, type CredentialBundle } from "./crypto";
import { TIMING } from "./protocol";
import { sessionStage, type SessionStage } from "./stage";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

export const DEFAULT_CLAIM_LIFETIME_MS = 24 * 60 * 60_000;

/** A pending claim of a device by a username. The setup flow (lib/onboarding) wraps this with its saga. */
export async function createClaim(
  db: DbOrTx,
  input: { deviceId: string; loginId: string; clock: Clock; lifetimeMs?: number },
): Promise<Claim> {
  const now = input.clock.now();
  const [claim] = await db
    .insert(claims)
    .values({
      deviceId: input.deviceId,
      loginId: input.loginId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + (input.lifetimeMs ?? DEFAULT_CLAIM_LIFETIME_MS)),
    })
    .returning();
  return claim!;
}

export interface NewPairingSession {
  session: PairingSession;
  /** The 32-byte QR secret: handed to the consumer's page once, never stored. */
  qrSecret: Uint8Array;
}

/**
 * Opens a pairing session on a claim: a fresh QR secret, the session id (stored) and the bundle key (used here
 * once, then forgotten) derived from it, and the credential bundle encrypted for this session and device.
 * A new session replaces the claim's earlier open ones.
 */
export async function createPairingSession(
  db: Database,
  input: {
    claim: Claim;
    device: Pick<Device, "id" | "serial">;
    bundle: CredentialBundle;
    clock: Clock;
    actor: string;
  },
): Promise<NewPairingSession> {
  const qrSecret = randomQrSecret();
  const secrets = deriveSessionSecrets(qrSecret);
  const encrypted = encryptBundle({
    bundleKey: secrets.bundleKey,
    sessionId: secrets.sessionId,
    serial: input.device.serial,
    bundle: input.bundle,
  });
  secrets.bundleKey.fill(0);
  const now = input.clock.now();
  const session = await db.transaction(async (tx) => {
    const replaced = await tx
      .update(pairingSessions)
      .set({ stage: "cancelled", cancelledAt: now, cancelReason: "replaced" })
      .where(
        and(
          eq(pairingSessions.claimId, input.claim.id),
          inArray(pairingSessions.stage, ["created", "scanned"]),
        ),
      )
      .returning({ id: pairingSessions.id });
    const [created] = await tx
      .insert(pairingSessions)
      .values({
        claimId: input.claim.id,
        deviceId: input.device.id,
        sessionIdHex: bytesToHex(secrets.sessionId),
        createdAt: now,
        expiresAt: new Date(now.getTime() + TIMING.sessionLifetimeMs),
        bundleNonce: base64urlEncode(encrypted.nonce),
        bundleCiphertext: base64urlEncode(encrypted.ciphertext),
      })
      .returning();
    await tx.insert(auditEvents).values({
      at: now,
      actor: input.actor,
      action: "pairing.session_created",
      deviceId: input.device.id,
      details: { claimId: input.claim.id, sessionId: created!.id, replaced: replaced.map((r) => r.id) },
    });
    return created!;
  });
  return { session, qrSecret };
}

export interface SessionStatus {
  sessionId: string;
  claimId: string;
  stage: SessionStage;
  expiresAt: Date;
  claimState: Claim["state"];
}

/** The stage of one session, as the consumer's page polls it. */
export async function readSessionStatus(
  db: Database,
  sessionId: string,
  clock: Clock,
): Promise<SessionStatus | null> {
  const rows = await db
    .select({ session: pairingSessions, claimState: claims.state })
    .from(pairingSessions)
    .innerJoin(claims, eq(claims.id, pairingSessions.claimId))
    .where(eq(pairingSessions.id, sessionId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    sessionId: row.session.id,
    claimId: row.session.claimId,
    stage: sessionStage(row.session, clock.now()),
    expiresAt: row.session.expiresAt,
    claimState: row.claimState,
  };
}
