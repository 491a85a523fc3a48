import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import {
  auditEvents,
  claims,
  devices,
  pairingSessions,
  type Claim,
  type PairingSession,
} from "@/lib/db/schema";
import type { Device } from "@/lib/db/schema/devices";
import type { Clock } from "@/lib/security/clock";
import { limiter, RateLimitedError, type Limiter } from "@/lib/security/rate-limit";
import {
  base64urlDecodeExact,
  base64urlEncode,
  buildSignedMessage,
  connectedDetailsSchema,
  PairingCryptoError,
  verifyDeviceSignature,
} from "./crypto";
import { bytesToHex } from "./crypto/bytes";
import { sessionIdOf } from "./crypto/session-secrets";
import {
  DEVICE_ERROR_STATUS,
  LENGTHS,
  PROTOCOL_VERSION,
  SERIAL_PATTERN,
  TIMING,
  type DeviceErrorCode,
} from "./protocol";
import { isOpen } from "./stage";

/** One error class for every answer the device API gives that is not a success. */
export class DeviceApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = "DeviceApiError";
    this.status = DEVICE_ERROR_STATUS[code];
  }
}

/** The one answer for a session that does not exist, has expired, was cancelled or is not this device's. */
const unknownSession = () => new DeviceApiError("unknown_session", "Unknown or expired pairing session.");

const b64 = z.string().max(200);
const sessionFields = {
  v: z.literal(PROTOCOL_VERSION),
  session: b64,
  serial: z.string().regex(SERIAL_PATTERN),
};
const signedFields = { ...sessionFields, nonce: b64, signature: b64 };

export const helloRequest = z.strictObject(sessionFields);
export const redeemRequest = z.strictObject(signedFields);
export const ackRequest = z.strictObject(signedFields);
export const connectedRequest = z.strictObject({ ...signedFields, details: connectedDetailsSchema });

export type DeviceOperation = "hello" | "redeem" | "ack" | "connected";

export const DEVICE_LIMITS = {
  /** Per client address, all device endpoints together. */
  perClient: { points: 120, durationSec: 60 },
  /** Per session: a device needs a handful of calls; a guesser or a replayer gets no more. */
  perSession: { points: 30, durationSec: 600 },
} as const;

export interface DeviceApiDeps {
  db: Database;
  clock: Clock;
  /** The caller's keyed address group (lib/security/client-ip.ts). */
  clientKey: string;
  /**
   * Runs after a redemption has committed and before the device gets its bundle (the app passes support's
   * held-password step). A failure answers server_error; the device redeems again, which runs it again.
   */
  afterRedeem?: (redemption: Redemption) => Promise<void>;
}

/** What a committed redemption names, for `afterRedeem`. */
export interface Redemption {
  sessionId: string;
  claimId: string;
  deviceId: string;
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (
    body &&
    typeof body === "object" &&
    "v" in body &&
    body.v !== PROTOCOL_VERSION &&
    typeof body.v === "number"
  ) {
    throw new DeviceApiError(
      "unsupported_version",
      `this server speaks protocol version ${PROTOCOL_VERSION}`,
    );
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DeviceApiError(
      "malformed",
      `invalid request: ${issue?.path.join(".") || "body"} ${issue?.message ?? ""}`.trim(),
    );
  }
  return result.data;
}

function decode(text: string, length: number, what: string): Uint8Array {
  try {
    return base64urlDecodeExact(text, length, what);
  } catch (error) {
    if (error instanceof PairingCryptoError)
      throw new DeviceApiError("malformed", `invalid request: ${error.message}`);
    throw error;
  }
}

async function enforceLimits(deps: DeviceApiDeps, sessionIdHex: string): Promise<void> {
  const limits: [Limiter, string][] = [
    [limiter(deps.db, "device-client", DEVICE_LIMITS.perClient), deps.clientKey],
    [limiter(deps.db, "device-session", DEVICE_LIMITS.perSession), sessionIdHex],
  ];
  try {
    for (const [l, key] of limits) await l.consume(key);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      throw new DeviceApiError("rate_limited", "too many requests; retry later", error.retryAfterSec);
    }
    throw error;
  }
}

interface Located {
  session: PairingSession;
  device: Device;
  claim: Claim;
  sessionId: Uint8Array;
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Finds the session named by the device's token, checked against the serial it claims to be. In a transaction it
 * locks the device row first: every state change of a device's pairing goes through that lock, in one order, so
 * concurrent redemptions serialise instead of deadlocking.
 */
async function locate(db: Database | Tx, token: string, serial: string, lock: boolean): Promise<Located> {
  const sessionId = sessionIdOf(decode(token, LENGTHS.sessionToken, "session"));
  const rows = await db
    .select({ session: pairingSessions, device: devices, claim: claims })
    .from(pairingSessions)
    .innerJoin(devices, eq(devices.id, pairingSessions.deviceId))
    .innerJoin(claims, eq(claims.id, pairingSessions.claimId))
    .where(eq(pairingSessions.sessionIdHex, bytesToHex(sessionId)))
    .limit(1);
  const found = rows[0];
  if (!found || found.device.serial !== serial || found.device.status !== "active") throw unknownSession();
  if (!lock) return { ...found, sessionId };
  await db.execute(sql`select 1 from ${devices} where ${devices.id} = ${found.device.id} for update`);
  const [session] = await db.select().from(pairingSessions).where(eq(pairingSessions.id, found.session.id));
  const [claim] = await db.select().from(claims).where(eq(claims.id, found.claim.id));
  const [device] = await db.select().from(devices).where(eq(devices.id, found.device.id));
  return { session: session!, claim: claim!, device: device!, sessionId };
}

/** Step 3 of the check order: a live claim of a device nobody else owns, and a session not cancelled or expired. */
function assertLive(found: Located, now: Date): void {
  const { session, claim, device } = found;
  if (session.stage === "cancelled") throw unknownSession();
  if ((session.stage === "created" || session.stage === "scanned") && !isOpen(session, now))
    throw unknownSession();
  if (claim.state !== "pending" && claim.state !== "owner") throw unknownSession();
  if (device.ownerClaimId !== null && device.ownerClaimId !== claim.id) throw unknownSession();
}

const acknowledged = (session: PairingSession) =>
  session.stage === "delivered" || session.stage === "connected";
const alreadyUsed = () =>
  new DeviceApiError("already_used", "this pairing session has already been acknowledged");

/**
 * Step 4: the session's current nonce. After the ack that nonce stays the session's last one, accepted without its
 * two-minute deadline by a repeated ack and by the connected report, whose own window is checked separately.
 */
function checkNonce(session: PairingSession, nonceText: string, now: Date): Uint8Array {
  const nonce = decode(nonceText, LENGTHS.serverNonce, "nonce");
  const deadlinePassed =
    !acknowledged(session) && (!session.helloNonceExpiresAt || now >= session.helloNonceExpiresAt);
  if (!session.helloNonceHex || deadlinePassed || session.helloNonceHex !== bytesToHex(nonce)) {
    throw new DeviceApiError("stale_nonce", "the nonce is not this session's current one; say hello again");
  }
  return nonce;
}

function checkSignature(found: Located, message: Uint8Array, signatureText: string): void {
  const signature = decode(signatureText, LENGTHS.signature, "signature");
  const publicKey = decode(found.device.signPublicKey, LENGTHS.publicKey[found.device.signAlg], "device key");
  if (!verifyDeviceSignature(found.device.signAlg, publicKey, message, signature)) {
    throw new DeviceApiError("bad_signature", "the signature does not verify with this device's key");
  }
}

const actorOf = (device: Device) => `device:${device.serial}`;

async function record(
  tx: Tx,
  found: Located,
  now: Date,
  action: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(auditEvents).values({
    at: now,
    actor: actorOf(found.device),
    action,
    deviceId: found.device.id,
    details: { sessionId: found.session.id, claimId: found.claim.id, ...extra },
  });
}

function sessionIdHexOf(token: string): string {
  return bytesToHex(sessionIdOf(decode(token, LENGTHS.sessionToken, "session")));
}

async function recordBadSignature(db: Database, found: Located, operation: DeviceOperation, now: Date) {
  await db.insert(auditEvents).values({
    at: now,
    actor: actorOf(found.device),
    action: "pairing.bad_signature",
    deviceId: found.device.id,
    details: { operation, sessionId: found.session.id, claimId: found.claim.id },
  });
}

/**
 * Runs a signed operation in one transaction; a bad signature rolls everything back (changing no state) and is
 * then recorded for support's alerts.
 */
async function signedOperation<T>(
  deps: DeviceApiDeps,
  operation: Exclude<DeviceOperation, "hello">,
  input: { session: string; serial: string },
  body: (tx: Tx, found: Located, now: Date) => Promise<T>,
): Promise<T> {
  const now = deps.clock.now();
  let rejected: Located | undefined;
  try {
    return await deps.db.transaction(async (tx) => {
      const found = await locate(tx, input.session, input.serial, true);
      try {
        return await body(tx, found, now);
      } catch (error) {
        if (error instanceof DeviceApiError && error.code === "bad_signature") rejected = found;
        throw error;
      }
    });
  } catch (error) {
    if (rejected) await recordBadSignature(deps.db, rejected, operation, now);
    throw error;
  }
}

export async function hello(deps: DeviceApiDeps, body: unknown) {
  const input = parse(helloRequest, body);
  const now = deps.clock.now();
  await enforceLimits(deps, sessionIdHexOf(input.session));
  return deps.db.transaction(async (tx) => {
    const found = await locate(tx, input.session, input.serial, true);
    assertLive(found, now);
    if (acknowledged(found.session)) throw alreadyUsed();
    const nonce = randomBytes(LENGTHS.serverNonce);
    const expiresAt = new Date(now.getTime() + TIMING.helloNonceLifetimeMs);
    const firstScan = found.session.stage === "created";
    await tx
      .update(pairingSessions)
      .set({
        helloNonceHex: bytesToHex(nonce),
        helloNonceExpiresAt: expiresAt,
        ...(firstScan ? { stage: "scanned" as const, scannedAt: now } : {}),
      })
      .where(eq(pairingSessions.id, found.session.id));
    if (firstScan) await record(tx, found, now, "pairing.scanned");
    return { nonce: base64urlEncode(nonce), expires_at: expiresAt.toISOString() };
  });
}

/**
 * Ownership settles here: the first redemption of any pending claim of a device wins, in one conditional update
 * of the device row; the device's other pending claims and their sessions are cancelled in the same transaction.
 */
async function settleOwnership(tx: Tx, found: Located, now: Date): Promise<boolean> {
  const { claim, device } = found;
  if (claim.state === "owner" && device.ownerClaimId === claim.id) return true;
  if (claim.state !== "pending") return false;
  const won = await tx
    .update(devices)
    .set({ ownerClaimId: claim.id, ownerEpoch: sql`${devices.ownerEpoch} + 1`, updatedAt: now })
    .where(and(eq(devices.id, device.id), isNull(devices.ownerClaimId)))
    .returning({ epoch: devices.ownerEpoch });
  if (won.length === 0) return false;
  await tx.update(claims).set({ state: "owner", settledAt: now }).where(eq(claims.id, claim.id));
  const losers = await tx
    .update(claims)
    .set({ state: "cancelled", endedAt: now, endReason: "another_claim_won" })
    .where(and(eq(claims.deviceId, device.id), eq(claims.state, "pending"), ne(claims.id, claim.id)))
    .returning({ id: claims.id });
  if (losers.length > 0) {
    await tx
      .update(pairingSessions)
      .set({ stage: "cancelled", cancelledAt: now, cancelReason: "another_claim_won" })
      .where(
        and(
          inArray(
            pairingSessions.claimId,
            losers.map((l) => l.id),
          ),
          inArray(pairingSessions.stage, ["created", "scanned"]),
        ),
      );
  }
  await tx.insert(auditEvents).values({
    at: now,
    actor: actorOf(device),
    action: "device.owner_settled",
    deviceId: device.id,
    details: {
      claimId: claim.id,
      sessionId: found.session.id,
      ownerEpoch: won[0]!.epoch,
      cancelledClaims: losers.map((l) => l.id),
    },
  });
  return true;
}

export async function redeem(deps: DeviceApiDeps, body: unknown) {
  const input = parse(redeemRequest, body);
  await enforceLimits(deps, sessionIdHexOf(input.session));
  let redemption: Redemption | undefined;
  const result = await signedOperation(deps, "redeem", input, async (tx, found, now) => {
    assertLive(found, now);
    const nonce = checkNonce(found.session, input.nonce, now);
    checkSignature(
      found,
      buildSignedMessage("redeem", { nonce, sessionId: found.sessionId, serial: input.serial }),
      input.signature,
    );
    if (acknowledged(found.session)) throw alreadyUsed();
    if (!(await settleOwnership(tx, found, now))) throw unknownSession();
    if (!found.session.redeemedAt) {
      await tx
        .update(pairingSessions)
        .set({ redeemedAt: now })
        .where(eq(pairingSessions.id, found.session.id));
      await record(tx, found, now, "pairing.redeemed");
    }
    if (!found.session.bundleNonce || !found.session.bundleCiphertext) throw unknownSession();
    redemption = { sessionId: found.session.id, claimId: found.claim.id, deviceId: found.device.id };
    return { bundle: { nonce: found.session.bundleNonce, ciphertext: found.session.bundleCiphertext } };
  });
  if (redemption && deps.afterRedeem) await deps.afterRedeem(redemption);
  return result;
}

export async function ack(deps: DeviceApiDeps, body: unknown) {
  const input = parse(ackRequest, body);
  await enforceLimits(deps, sessionIdHexOf(input.session));
  return signedOperation(deps, "ack", input, async (tx, found, now) => {
    assertLive(found, now);
    const nonce = checkNonce(found.session, input.nonce, now);
    checkSignature(
      found,
      buildSignedMessage("ack", { nonce, sessionId: found.sessionId, serial: input.serial }),
      input.signature,
    );
    // A repeated ack (its response was lost) is answered again, so the device can carry on.
    if (acknowledged(found.session)) return { ok: true as const };
    if (!found.session.redeemedAt || found.device.ownerClaimId !== found.claim.id) throw unknownSession();
    await tx
      .update(pairingSessions)
      .set({ stage: "delivered", deliveredAt: now, bundleNonce: null, bundleCiphertext: null })
      .where(eq(pairingSessions.id, found.session.id));
    await record(tx, found, now, "pairing.delivered");
    return { ok: true as const };
  });
}

export async function connected(deps: DeviceApiDeps, body: unknown) {
  const input = parse(connectedRequest, body);
  await enforceLimits(deps, sessionIdHexOf(input.session));
  return signedOperation(deps, "connected", input, async (tx, found, now) => {
    assertLive(found, now);
    const { session } = found;
    const inWindow =
      acknowledged(session) &&
      session.deliveredAt !== null &&
      now.getTime() < session.deliveredAt.getTime() + TIMING.connectedWindowAfterAckMs;
    if (!inWindow) throw unknownSession();
    const nonce = checkNonce(session, input.nonce, now);
    checkSignature(
      found,
      buildSignedMessage("connected", {
        nonce,
        sessionId: found.sessionId,
        serial: input.serial,
        details: input.details,
      }),
      input.signature,
    );
    if (session.stage === "connected") return { ok: true as const };
    await tx
      .update(pairingSessions)
      .set({ stage: "connected", connectedAt: now, connectedDetails: input.details })
      .where(eq(pairingSessions.id, session.id));
    await record(tx, found, now, "pairing.connected", input.details);
    return { ok: true as const };
  });
}

export const deviceOperations = { hello, redeem, ack, connected } satisfies Record<
  DeviceOperation,
  (deps: DeviceApiDeps, body: unknown) => Promise<unknown>
>;
