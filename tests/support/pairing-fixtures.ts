import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { deviceBatches, devices, pairingSessions, type Device } from "@/lib/db/schema";
import {
  base64urlDecode,
  base64urlEncode,
  buildCredentialBundle,
  buildSignedMessage,
  decryptBundle,
  deriveSessionSecrets,
  signDeviceMessage,
  type ConnectedDetails,
} from "@/lib/pairing/crypto";
import { sessionIdOf } from "@/lib/pairing/crypto/session-secrets";
import { createClaim, createPairingSession } from "@/lib/pairing/sessions";
import type { Clock } from "@/lib/security/clock";
import { makeDevice, type DeviceKind, type TestDevice } from "../unit/pairing/test-devices";

/** Registers a device with fresh keys in a dev batch, as the registry would. */
export async function registerDevice(
  db: Database,
  clock: Clock,
  kind: DeviceKind = "ed25519",
): Promise<{ row: Device; keys: TestDevice }> {
  const keys = makeDevice(kind);
  const now = clock.now();
  const [batch] = await db
    .insert(deviceBatches)
    .values({ name: `test-${randomUUID()}`, model: "test", kind: "dev", createdBy: "test", createdAt: now })
    .returning();
  const separate = kind === "ed25519+x25519";
  const [row] = await db
    .insert(devices)
    .values({
      serial: `${keys.serial}-${randomUUID().slice(0, 8)}`,
      codeHmac: randomUUID(),
      codeLast4: "ABCD",
      signAlg: keys.alg,
      signPublicKey: base64urlEncode(keys.publicKey),
      kemAlg: separate ? keys.recipient.kemAlg : null,
      kemPublicKey: separate ? base64urlEncode(keys.recipient.kemPublicKey) : null,
      model: "test",
      batchId: batch!.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return { row: row!, keys: { ...keys, serial: row!.serial } };
}

export const testBundle = (serial: string, loginId = "alice") =>
  buildCredentialBundle({
    serial,
    loginId,
    password: "Correct-Horse-9",
    apiKey: "device-api-key",
    restBaseUrl: "http://127.0.0.1:9/v2/",
    projectMqttId: "projectMqtt1",
    userMqttId: "userMqttId01",
    mqtt: { host: "127.0.0.1", port: 1884, tls: false },
  });

/** A claim with one open pairing session (with the test bundle unless given one); returns what the QR would carry. */
export async function openSession(
  db: Database,
  clock: Clock,
  device: Device,
  loginId = "alice",
  bundle: ReturnType<typeof testBundle> = testBundle(device.serial, loginId),
) {
  const claim = await createClaim(db, { deviceId: device.id, loginId, clock });
  const created = await createPairingSession(db, {
    claim,
    device,
    bundle,
    clock,
    actor: "test",
  });
  return { claim, ...created, token: base64urlEncode(deriveSessionSecrets(created.qrSecret).sessionToken) };
}

/** The device's side of the protocol, for exercising the server (the simulator is the independent one). */
export function deviceSide(keys: TestDevice, token: string) {
  const sessionId = sessionIdOf(base64urlDecode(token));
  const sign = (kind: "redeem" | "ack", nonce: string) =>
    base64urlEncode(
      signDeviceMessage(
        keys.alg,
        keys.secretKey,
        buildSignedMessage(kind, { nonce: base64urlDecode(nonce), sessionId, serial: keys.serial }),
      ),
    );
  return {
    hello: () => ({ v: 1, session: token, serial: keys.serial }),
    redeem: (nonce: string) => ({
      v: 1,
      session: token,
      serial: keys.serial,
      nonce,
      signature: sign("redeem", nonce),
    }),
    ack: (nonce: string) => ({
      v: 1,
      session: token,
      serial: keys.serial,
      nonce,
      signature: sign("ack", nonce),
    }),
    connected: (nonce: string, details: ConnectedDetails) => ({
      v: 1,
      session: token,
      serial: keys.serial,
      nonce,
      details,
      signature: base64urlEncode(
        signDeviceMessage(
          keys.alg,
          keys.secretKey,
          buildSignedMessage("connected", {
            nonce: base64urlDecode(nonce),
            sessionId,
            serial: keys.serial,
            details,
          }),
        ),
      ),
    }),
  };
}

export function openBundle(
  qrSecret: Uint8Array,
  serial: string,
  bundle: { nonce: string; ciphertext: string },
) {
  const secrets = deriveSessionSecrets(qrSecret);
  return decryptBundle({
    bundleKey: secrets.bundleKey,
    sessionId: secrets.sessionId,
    serial,
    nonce: base64urlDecode(bundle.nonce),
    ciphertext: base64urlDecode(bundle.ciphertext),
  });
}

export async function sessionRow(db: Database, id: string) {
  const [row] = await db.select().from(pairingSessions).where(eq(pairingSessions.id, id));
  return row!;
}

export async function deviceRow(db: Database, id: string) {
  const [row] = await db.select().from(devices).where(eq(devices.id, id));
  return row!;
}
