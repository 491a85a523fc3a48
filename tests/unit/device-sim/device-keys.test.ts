import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadDeviceKeys, parseDeviceKeys, recipientKeyOf } from "@/lib/device-sim/device-keys";
import { DeviceCryptoError } from "@/lib/device-sim/errors";
import { hex, keyLineOf, VECTORS } from "./vectors";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "device-sim-keys-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function keyFile(lines: string[]): string {
  const file = path.join(dir, `keys-${Math.random().toString(36).slice(2)}.jsonl`);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("device key file (device-keys.jsonl)", () => {
  const file = keyFile(VECTORS.map((v) => JSON.stringify(keyLineOf(v))));

  it("finds each device by serial, with its separate encryption key when it has one", () => {
    for (const vector of VECTORS) {
      const keys = loadDeviceKeys(file, vector.device.serial);
      expect(keys.alg).toBe(vector.device.alg);
      expect(keys.kem?.alg ?? null).toBe(vector.device.kem_alg);
      expect(hex(recipientKeyOf(keys).publicKey)).toBe(vector.device.recipient_public_key_hex);
    }
  });

  it("names a serial that is not in the file", () => {
    expect(() => loadDeviceKeys(file, "NOPE-1")).toThrow(/serial NOPE-1 is not in the key file/);
  });

  it("refuses a line whose public key does not belong to its private key", () => {
    const [a, b] = VECTORS.map(keyLineOf);
    expect(() => parseDeviceKeys({ ...a, signing_public_key: b!.signing_public_key })).toThrow(
      /does not belong to the private key/,
    );
  });

  it.each([
    ["an unknown algorithm", { alg: "rsa" }],
    ["a padded key", { signing_private_key: `${keyLineOf(VECTORS[0]!).signing_private_key}=` }],
    ["a short key", { signing_private_key: "AAAA" }],
    ["a kem_alg without its key", { kem_alg: "x25519" }],
  ])("refuses %s", (_name, change) => {
    expect(() => parseDeviceKeys({ ...keyLineOf(VECTORS[0]!), ...change })).toThrow(DeviceCryptoError);
  });

  it("refuses a key file line that is not JSON", () => {
    expect(() => loadDeviceKeys(keyFile(["{oops"]), "X")).toThrow(/line 1 of the key file is not JSON/);
  });
});
