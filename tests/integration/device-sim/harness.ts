import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import QRCode from "qrcode";
import type { Device } from "@/lib/db/schema";
import { MediumOneClient } from "@/lib/medium-one/client";
import { startEmulator, type RunningEmulator } from "@/lib/medium-one/emulator";
import { base64urlEncode, buildCredentialBundle, buildQrPayload } from "@/lib/pairing/crypto";
import { ManualClock } from "@/lib/security/clock";
import { startDeviceApiServer } from "../../support/device-api-server";
import { openSession, registerDevice } from "../../support/pairing-fixtures";
import { createTestDatabase, type TestDatabase } from "../../support/test-db";
import type { DeviceKind, TestDevice } from "../../unit/pairing/test-devices";
import { API_KEY, BUSINESS, DEVICE_API_KEY, GOOD_PASSWORD } from "../medium-one/harness";

const PROJECT = "7T3kxm_Rdf4";

/**
 * The real device API (route handlers over HTTP, test database, manual clock) beside the Medium One emulator with
 * its MQTT side: everything a simulated device talks to. The test side may use the app's own code (lib/pairing)
 * to make sessions and QR codes the way the browser will; the simulator under test does not.
 */
export async function startPairingWorld() {
  const database: TestDatabase = await createTestDatabase();
  const clock = new ManualClock("2026-11-25T10:00:00Z");
  const api = await startDeviceApiServer(database.db, clock);
  const emulator: RunningEmulator = await startEmulator({
    port: 0,
    apiKeys: [
      { key: API_KEY, enabled: true },
      { key: DEVICE_API_KEY, enabled: true },
    ],
    businessUsers: [BUSINESS],
    clock: new ManualClock("2026-11-25T10:00:00Z"),
    mqtt: { port: 0, projectMqttId: PROJECT },
  });
  const mediumOne = new MediumOneClient({
    baseUrl: emulator.url,
    apiKey: API_KEY,
    timeoutMs: 2000,
    account: { kind: "business", ...BUSINESS },
  }).account;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "device-sim-it-"));
  let users = 0;

  /** A registered device, a Medium One user, and a session whose bundle points at the emulator. */
  async function setUpDevice(kind: DeviceKind) {
    const { row, keys } = await registerDevice(database.db, clock, kind);
    users += 1;
    const loginId = `sim-user-${users}`;
    await mediumOne.createUser(loginId, GOOD_PASSWORD);
    const userMqttId = (await mediumOne.getUser(loginId)).mqttId!;
    const bundle = buildCredentialBundle({
      serial: row.serial,
      loginId,
      password: GOOD_PASSWORD,
      apiKey: DEVICE_API_KEY,
      restBaseUrl: emulator.url,
      projectMqttId: PROJECT,
      userMqttId,
      mqtt: { host: "127.0.0.1", port: emulator.mqttPort!, tls: false },
    });
    const opened = await openSession(database.db, clock, row, loginId, bundle);
    const qrText = buildQrPayload({ serial: row.serial, ...keys.recipient, qrSecret: opened.qrSecret }).text;
    const qrPng = await QRCode.toBuffer(qrText, { errorCorrectionLevel: "M", margin: 4, scale: 8 });
    return { row, keys, loginId, bundle, ...opened, qrText, qrPng };
  }

  return {
    db: database.db,
    clock,
    api,
    emulator,
    mediumOne,
    dir,
    setUpDevice,
    close: async () => {
      await Promise.all([api.close(), emulator.close()]);
      await database.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The device-keys.jsonl line `npm run devices -- generate` writes for a device (serial from the registry row). */
export function keyLine(row: Device, keys: TestDevice) {
  const separate = row.kemAlg !== null;
  return {
    serial: row.serial,
    alg: keys.alg,
    signing_private_key: base64urlEncode(keys.secretKey),
    signing_public_key: base64urlEncode(keys.publicKey),
    ...(separate && {
      kem_alg: keys.recipientSecret.kemAlg,
      kem_private_key: base64urlEncode(keys.recipientSecret.kemSecretKey),
      kem_public_key: base64urlEncode(keys.recipient.kemPublicKey),
    }),
  };
}

export function writeKeyFile(dir: string, lines: object[]): string {
  const file = path.join(dir, `device-keys-${Math.random().toString(36).slice(2)}.jsonl`);
  fs.writeFileSync(file, lines.map((line) => JSON.stringify(line)).join("\n") + "\n", { mode: 0o600 });
  return file;
}
