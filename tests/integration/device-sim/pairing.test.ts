import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDeviceKeys, parseDeviceKeys } from "@/lib/device-sim/device-keys";
import { pairDevice, type ConnectMode } from "@/lib/device-sim/pair";
import { readSessionStatus } from "@/lib/pairing/sessions";
import { deviceRow, sessionRow } from "../../support/pairing-fixtures";
import { runScript } from "../../support/run-script";
import { GOOD_PASSWORD } from "../medium-one/harness";
import type { DeviceKind } from "../../unit/pairing/test-devices";
import { cameraFrame } from "./camera";
import { keyLine, startPairingWorld, writeKeyFile } from "./harness";

let world: Awaited<ReturnType<typeof startPairingWorld>>;
beforeAll(async () => {
  world = await startPairingWorld();
});
afterAll(async () => {
  await world.close();
});

describe("the device simulator pairs against the real device API and the Medium One emulator", () => {
  it.each<[DeviceKind, ConnectMode, "screen" | "camera"]>([
    ["ed25519", "mqtt", "screen"],
    ["p256", "rest", "camera"],
    ["ed25519+x25519", "mqtt", "camera"],
    ["p256", "mqtt", "screen"],
    ["ed25519", "rest", "camera"],
  ])("%s device over %s, QR read from the %s", async (kind, mode, view) => {
    const setup = await world.setUpDevice(kind);
    const png = view === "camera" ? cameraFrame(setup.qrPng) : setup.qrPng;
    const lines: string[] = [];
    const result = await pairDevice({
      keys: parseDeviceKeys(keyLine(setup.row, setup.keys)),
      qr: { png },
      apiBaseUrl: world.api.url,
      connectMode: mode,
      firmware: "sim 2.0.0",
      log: (line) => lines.push(line),
    });
    expect(result).toMatchObject({
      ok: true,
      loginId: setup.loginId,
      via: mode === "mqtt" ? "mqtt_connack" : "event_accepted",
    });
    expect(lines.every((line) => line.startsWith("✓"))).toBe(true);
    expect(lines.join("\n")).not.toContain(GOOD_PASSWORD);

    expect((await sessionRow(world.db, setup.session.id)).stage).toBe("connected");
    expect((await readSessionStatus(world.db, setup.session.id, world.clock))?.stage).toBe("connected");
    expect((await deviceRow(world.db, setup.row.id)).ownerClaimId).toBe(setup.claim.id);

    const events = await world.mediumOne.readEvents("raw", setup.loginId);
    expect(events.map((e) => e.eventData)).toEqual([
      {
        onboard: "connected",
        firmware: "sim 2.0.0",
        ...(mode === "mqtt" ? { device_id: setup.bundle.device_id } : {}),
      },
    ]);
  });

  it("the camera frame really is degraded: fewer pixels and grey edges", async () => {
    const setup = await world.setUpDevice("ed25519");
    const { PNG } = await import("pngjs");
    const screen = PNG.sync.read(setup.qrPng);
    const camera = PNG.sync.read(cameraFrame(setup.qrPng));
    expect(camera.width).toBeLessThan(screen.width * 0.65);
    const greys = new Set<number>();
    for (let i = 0; i < camera.data.length; i += 4) greys.add(camera.data[i]!);
    expect(greys.size).toBeGreaterThan(10);
  });

  it("runs end to end as a CLI child process (npm run device -- pair)", async () => {
    const setup = await world.setUpDevice("ed25519+x25519");
    const keys = writeKeyFile(world.dir, [keyLine(setup.row, setup.keys)]);
    const png = path.join(world.dir, "qr.png");
    fs.writeFileSync(png, cameraFrame(setup.qrPng));
    const run = await runScript(
      "scripts/device.ts",
      ["pair", "--keys", keys, "--serial", setup.row.serial, "--qr-png", png, "--api", world.api.url],
      {},
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const stepNames = run.stdout
      .trim()
      .split("\n")
      .map((line) => line.slice(0, line.indexOf(":")));
    expect(stepNames).toEqual([
      "✓ load keys",
      "✓ decode QR",
      "✓ open sealed payload",
      "✓ derive session secrets",
      "✓ hello",
      "✓ redeem",
      "✓ decrypt bundle",
      "✓ ack",
      "✓ connect Medium One",
      "✓ connected",
      "✓ done",
    ]);
    expect(run.stdout).toContain(`user ${setup.bundle.mqtt.username}`);
    for (const secret of [GOOD_PASSWORD, setup.bundle.api_key, setup.token])
      expect(run.stdout).not.toContain(secret);
    expect((await sessionRow(world.db, setup.session.id)).stage).toBe("connected");
  });

  it("the CLI with --json and --rest exits 1 naming the step and the server's code for an expired session", async () => {
    const setup = await world.setUpDevice("p256");
    world.clock.advance(11 * 60 * 1000);
    const keys = writeKeyFile(world.dir, [keyLine(setup.row, setup.keys)]);
    const run = await runScript(
      "scripts/device.ts",
      [
        "pair",
        "--keys",
        keys,
        "--serial",
        setup.row.serial,
        "--qr-text",
        setup.qrText,
        "--api",
        world.api.url,
        "--rest",
        "--json",
      ],
      {},
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, step: "hello", code: "unknown_session" });
  });
});

describe("the device simulator fails at the exact step", () => {
  it("with another device's keys in the key file: 'open sealed payload', and the API is never called", async () => {
    const setup = await world.setUpDevice("ed25519");
    const other = await world.setUpDevice("ed25519");
    const file = writeKeyFile(world.dir, [{ ...keyLine(other.row, other.keys), serial: setup.row.serial }]);
    const result = await pairDevice({
      keys: loadDeviceKeys(file, setup.row.serial),
      qr: { png: setup.qrPng },
      apiBaseUrl: world.api.url,
    });
    expect(result).toMatchObject({ ok: false, step: "open sealed payload" });
    expect((await sessionRow(world.db, setup.session.id)).stage).toBe("created");
    expect((await deviceRow(world.db, setup.row.id)).ownerClaimId).toBeNull();
  });

  it("with the right encryption key but a foreign signing key: 'redeem' with bad_signature, nothing settled", async () => {
    const setup = await world.setUpDevice("ed25519+x25519");
    const other = await world.setUpDevice("ed25519+x25519");
    const mine = keyLine(setup.row, setup.keys);
    const theirs = keyLine(other.row, other.keys);
    const result = await pairDevice({
      keys: parseDeviceKeys({
        ...mine,
        signing_private_key: theirs.signing_private_key,
        signing_public_key: theirs.signing_public_key,
      }),
      qr: { text: setup.qrText },
      apiBaseUrl: world.api.url,
    });
    expect(result).toMatchObject({ ok: false, step: "redeem", code: "bad_signature" });
    expect((await sessionRow(world.db, setup.session.id)).stage).toBe("scanned");
    expect((await deviceRow(world.db, setup.row.id)).ownerClaimId).toBeNull();
  });

  it("for an expired session: 'hello' with unknown_session", async () => {
    const setup = await world.setUpDevice("ed25519");
    world.clock.advance(10 * 60 * 1000 + 1);
    const result = await pairDevice({
      keys: parseDeviceKeys(keyLine(setup.row, setup.keys)),
      qr: { text: setup.qrText },
      apiBaseUrl: world.api.url,
    });
    expect(result).toMatchObject({ ok: false, step: "hello", code: "unknown_session" });
  });

  it("for a session already paired: 'hello' with already_used", async () => {
    const setup = await world.setUpDevice("p256");
    const options = {
      keys: parseDeviceKeys(keyLine(setup.row, setup.keys)),
      qr: { text: setup.qrText },
      apiBaseUrl: world.api.url,
      connectMode: "rest" as const,
    };
    expect(await pairDevice(options)).toMatchObject({ ok: true });
    expect(await pairDevice(options)).toMatchObject({ ok: false, step: "hello", code: "already_used" });
  });

  it("when Medium One refuses the credentials: 'connect Medium One', the session stays delivered", async () => {
    const setup = await world.setUpDevice("ed25519");
    await world.mediumOne.patchUser(setup.loginId, { password: "Changed-Pass-77" });
    const result = await pairDevice({
      keys: parseDeviceKeys(keyLine(setup.row, setup.keys)),
      qr: { text: setup.qrText },
      apiBaseUrl: world.api.url,
      connectMode: "mqtt",
    });
    expect(result).toMatchObject({ ok: false, step: "connect Medium One" });
    expect(!result.ok && result.message).toMatch(/Bad username or password/);
    expect((await sessionRow(world.db, setup.session.id)).stage).toBe("delivered");
  });
});
