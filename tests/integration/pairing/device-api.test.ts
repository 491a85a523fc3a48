import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents } from "@/lib/db/schema";
import { ack, connected, DeviceApiError, hello, redeem, type DeviceApiDeps } from "@/lib/pairing/device-api";
import { base64urlEncode } from "@/lib/pairing/crypto";
import { readSessionStatus } from "@/lib/pairing/sessions";
import { TIMING } from "@/lib/pairing/protocol";
import { ManualClock, SECOND } from "@/lib/security/clock";
import {
  deviceRow,
  deviceSide,
  openBundle,
  openSession,
  registerDevice,
  sessionRow,
} from "../../support/pairing-fixtures";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../../support/test-db";
import { DEVICE_KINDS } from "../../unit/pairing/test-devices";

let database: TestDatabase;
let clock: ManualClock;
let deps: DeviceApiDeps;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.destroy());
beforeEach(() => {
  clock = new ManualClock("2026-11-25T12:00:00Z");
  // A fresh client key per test keeps the per-client limit out of tests that are not about it.
  deps = { db: database.db, clock, clientKey: randomBytes(8).toString("hex") };
});

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeviceApiError)
      return { code: error.code, status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected the device API to refuse");
}

const details = { via: "mqtt_connack" as const, client_id: "dev-1", elapsed_ms: 850, firmware: "1.0.0" };

describe(`device API (${testDatabaseKind})`, () => {
  it.each(DEVICE_KINDS)("pairs a %s device: hello → redeem → ack → connected", async (kind) => {
    const { row, keys } = await registerDevice(database.db, clock, kind);
    const { session, qrSecret, token, claim } = await openSession(database.db, clock, row);
    const device = deviceSide(keys, token);

    const greeting = await hello(deps, device.hello());
    expect((await readSessionStatus(database.db, session.id, clock))?.stage).toBe("scanned");

    const redeemed = await redeem(deps, device.redeem(greeting.nonce));
    const bundle = openBundle(qrSecret, row.serial, redeemed.bundle);
    expect(bundle.login_id).toBe("alice");
    expect(bundle.mqtt.password).toBe("device-api-key/Correct-Horse-9");
    expect((await deviceRow(database.db, row.id)).ownerClaimId).toBe(claim.id);

    // Until the ack, the same device may redeem again and gets the same ciphertext.
    expect((await redeem(deps, device.redeem(greeting.nonce))).bundle).toEqual(redeemed.bundle);

    expect(await ack(deps, device.ack(greeting.nonce))).toEqual({ ok: true });
    const afterAck = await sessionRow(database.db, session.id);
    expect([afterAck.stage, afterAck.bundleCiphertext, afterAck.bundleNonce]).toEqual([
      "delivered",
      null,
      null,
    ]);
    // A repeated ack (the first response was lost) is answered again.
    expect(await ack(deps, device.ack(greeting.nonce))).toEqual({ ok: true });

    // The connected report signs the nonce the ack used; a repeat is answered again.
    expect(await connected(deps, device.connected(greeting.nonce, details))).toEqual({ ok: true });
    expect(await connected(deps, device.connected(greeting.nonce, details))).toEqual({ ok: true });
    expect((await readSessionStatus(database.db, session.id, clock))?.stage).toBe("connected");
    const actions = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.deviceId, row.id));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "pairing.session_created",
        "pairing.scanned",
        "device.owner_settled",
        "pairing.redeemed",
        "pairing.delivered",
        "pairing.connected",
      ]),
    );
  });

  it("gives one identical answer for an unknown session and an expired one", async () => {
    const { row, keys } = await registerDevice(database.db, clock);
    const { token } = await openSession(database.db, clock, row);
    const unknown = await failure(hello(deps, deviceSide(keys, base64urlEncode(randomBytes(32))).hello()));
    clock.advance(TIMING.sessionLifetimeMs);
    const expired = await failure(hello(deps, deviceSide(keys, token).hello()));
    expect(unknown).toEqual({
      code: "unknown_session",
      status: 404,
      message: "Unknown or expired pairing session.",
    });
    expect(expired).toEqual(unknown);
  });

  it("refuses a bad signature without changing any state, and records it", async () => {
    const { row, keys } = await registerDevice(database.db, clock);
    const { session, token } = await openSession(database.db, clock, row);
    const device = deviceSide(keys, token);
    const { nonce } = await hello(deps, device.hello());
    const before = await sessionRow(database.db, session.id);
    const request = device.redeem(nonce);
    const tampered = { ...request, signature: base64urlEncode(randomBytes(64)) };
    expect((await failure(redeem(deps, tampered))).code).toBe("bad_signature");
    expect(await sessionRow(database.db, session.id)).toEqual(before);
    expect((await deviceRow(database.db, row.id)).ownerClaimId).toBeNull();
    const recorded = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.deviceId, row.id), eq(auditEvents.action, "pairing.bad_signature")));
    expect(recorded).toHaveLength(1);
    // The genuine device still redeems with the same nonce afterwards.
    expect((await redeem(deps, request)).bundle.ciphertext).toBe(before.bundleCiphertext);
  });

  it("refuses another device's key: a signature by the wrong device is a bad signature", async () => {
    const { row, keys } = await registerDevice(database.db, clock);
    const other = await registerDevice(database.db, clock);
    const { token } = await openSession(database.db, clock, row);
    const { nonce } = await hello(deps, deviceSide(keys, token).hello());
    const forged = deviceSide({ ...other.keys, serial: keys.serial }, token).redeem(nonce);
    expect((await failure(redeem(deps, forged))).code).toBe("bad_signature");
  });

  it("answers a second device presenting the session as an unknown session", async () => {
    const { row } = await registerDevice(database.db, clock);
    const other = await registerDevice(database.db, clock);
    const { token } = await openSession(database.db, clock, row);
    expect((await failure(hello(deps, deviceSide(other.keys, token).hello()))).code).toBe("unknown_session");
  });

  it("refuses a replay after the ack: the same request is already used, an old nonce is stale", async () => {
    const { row, keys } = await registerDevice(database.db, clock);
    const { token } = await openSession(database.db, clock, row);
    const device = deviceSide(keys, token);
    const old = await hello(deps, device.hello());
    const { nonce } = await hello(deps, device.hello());
    await redeem(deps, device.redeem(nonce));
    await ack(deps, device.ack(nonce));
    const replay = await failure(redeem(deps, device.redeem(nonce)));
    expect(replay).toMatchObject({ code: "already_used", status: 409 });
    expect((await failure(redeem(deps, device.redeem(old.nonce)))).code).toBe("stale_nonce");
  });

  it("insists on the current nonce: an old or expired one is stale", async () => {
    const { row, keys } = await registerDevice(database.db, clock);
    const { token } = await openSession(database.db, clock, row);
    const device = deviceSide(keys, token);
    const first = await hello(deps, device.hello());
    const second = await hello(deps, device.hello());
    expect((await failure(redeem(deps, device.redeem(first.nonce)))).code).toBe("stale_nonce");
    clock.advance(TIMING.helloNonceLifetimeMs);
    expect((await failure(redeem(deps, device.redeem(second.nonce)))).code).toBe("stale_nonce");
  });

  it("expires an unredeemed session after ten minutes; a redeemed one keeps a short grace for its ack", async () => {
    const { row, keys } = await registerDevice(database.db, clock);
    const { session, token } = await openSession(database.db, clock, row);
    const device = deviceSide(keys, token);
    clock.advance(TIMING.sessionLifetimeMs - 30 * SECOND);
    const { nonce } = await hello(deps, device.hello());
    await redeem(deps, device.redeem(nonce));
    clock.advance(60 * SECOND);
    expect(await ack(deps, device.ack(nonce))).toEqual({ ok: true });

    const late = await openSession(database.db, clock, (await registerDevice(database.db, clock)).row);
    clock.advance(TIMING.sessionLifetimeMs);
    expect((await readSessionStatus(database.db, late.session.id, clock))?.stage).toBe("expired");
    expect((await readSessionStatus(database.db, session.id, clock))?.stage).toBe("delivered");
  });

  it("accepts connected only after the ack and within its window", async () => {
    const { row, keys } = await registerDevice(database.db, clock);
    const { token } = await openSession(database.db, clock, row);
    const device = deviceSide(keys, token);
    const { nonce } = await hello(deps, device.hello());
    expect((await failure(connected(deps, device.connected(nonce, details)))).code).toBe("unknown_session");
    await redeem(deps, device.redeem(nonce));
    await ack(deps, device.ack(nonce));
    expect((await failure(hello(deps, device.hello()))).code).toBe("already_used");
    clock.advance(TIMING.connectedWindowAfterAckMs);
    expect((await failure(connected(deps, device.connected(nonce, details)))).code).toBe("unknown_session");
  });

  it("rejects malformed requests and other protocol versions with specific messages", async () => {
    expect(await failure(hello(deps, { v: 2, session: "x", serial: "S" }))).toMatchObject({
      code: "unsupported_version",
      status: 400,
    });
    expect(await failure(hello(deps, { v: 1, session: "abc", serial: "S" }))).toMatchObject({
      code: "malformed",
      message: "invalid request: session must be 32 bytes",
    });
    expect((await failure(hello(deps, { v: 1, serial: "S" }))).code).toBe("malformed");
    expect((await failure(hello(deps, "not an object"))).code).toBe("malformed");
    expect((await failure(hello(deps, { v: 1, session: "a".repeat(43), serial: "S", extra: 1 }))).code).toBe(
      "malformed",
    );
  });

  it("rate-limits each session, and each client, with a retry-after", async () => {
    const { row, keys } = await registerDevice(database.db, clock);
    const { token } = await openSession(database.db, clock, row);
    const device = deviceSide(keys, token);
    for (let i = 0; i < 30; i++) await hello(deps, device.hello());
    const limited = await failure(hello(deps, device.hello()));
    expect(limited).toMatchObject({ code: "rate_limited", status: 429 });

    const guesser = { ...deps, clientKey: "guesser" };
    let refused: DeviceApiError | undefined;
    for (let i = 0; i < 121 && !refused; i++) {
      try {
        await hello(guesser, deviceSide(keys, base64urlEncode(randomBytes(32))).hello());
      } catch (error) {
        if (error instanceof DeviceApiError && error.code === "rate_limited") refused = error;
      }
    }
    expect(refused?.retryAfterSec).toBeGreaterThan(0);
  });

  it("lets the owner re-pair on its claim, and refuses a stranger's claim of an owned device", async () => {
    const { row, keys } = await registerDevice(database.db, clock);
    const first = await openSession(database.db, clock, row, "owner");
    const device = deviceSide(keys, first.token);
    const { nonce } = await hello(deps, device.hello());
    await redeem(deps, device.redeem(nonce));
    await ack(deps, device.ack(nonce));

    const stranger = await openSession(database.db, clock, row, "stranger");
    const strangerDevice = deviceSide(keys, stranger.token);
    const greeting = await hello(deps, strangerDevice.hello()).catch((e: unknown) => e);
    expect(greeting).toBeInstanceOf(DeviceApiError);
    expect((greeting as DeviceApiError).code).toBe("unknown_session");

    // A factory reset: a new session on the owner's own claim pairs again, without changing the owner epoch.
    const { createPairingSession } = await import("@/lib/pairing/sessions");
    const { testBundle } = await import("../../support/pairing-fixtures");
    const repair = await createPairingSession(database.db, {
      claim: first.claim,
      device: row,
      bundle: testBundle(row.serial, "owner"),
      clock,
      actor: "test",
    });
    const { deriveSessionSecrets } = await import("@/lib/pairing/crypto");
    const again = deviceSide(keys, base64urlEncode(deriveSessionSecrets(repair.qrSecret).sessionToken));
    const n2 = (await hello(deps, again.hello())).nonce;
    const bundle = openBundle(repair.qrSecret, row.serial, (await redeem(deps, again.redeem(n2))).bundle);
    expect(bundle.login_id).toBe("owner");
    expect((await deviceRow(database.db, row.id)).ownerEpoch).toBe(1);
  });
});
