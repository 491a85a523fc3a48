import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { ed25519, x25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { describe, expect, it } from "vitest";
import { generateKeyPair } from "@/lib/devices/key-generation";
import { parsePublicKey } from "@/lib/devices/public-keys";

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const raw = (key: string) => new Uint8Array(Buffer.from(key, "base64url"));

describe("generateKeyPair", () => {
  it("Ed25519: a 32-byte seed whose public key is the stored one", () => {
    const pair = generateKeyPair("ed25519");
    expect(raw(pair.privateKey)).toHaveLength(32);
    expect(pair.publicKey).toBe(b64u(ed25519.getPublicKey(raw(pair.privateKey))));
  });

  it("P-256: a 32-byte scalar and the 65-byte uncompressed point", () => {
    const pair = generateKeyPair("p256");
    expect(raw(pair.privateKey)).toHaveLength(32);
    expect(raw(pair.publicKey)[0]).toBe(4);
    expect(pair.publicKey).toBe(b64u(p256.getPublicKey(raw(pair.privateKey), false)));
  });

  it("X25519: a 32-byte scalar whose public key is the stored one", () => {
    const pair = generateKeyPair("x25519");
    expect(pair.publicKey).toBe(b64u(x25519.getPublicKey(raw(pair.privateKey))));
  });
});

describe("parsePublicKey", () => {
  const ed = generateKeyPairSync("ed25519");
  const edRaw = ed.publicKey.export({ format: "jwk" }).x ?? "";
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const ecPair = ec.publicKey.export({ format: "jwk" });
  const ecRaw = b64u(
    Buffer.concat([
      Buffer.from([4]),
      Buffer.from(ecPair.x ?? "", "base64url"),
      Buffer.from(ecPair.y ?? "", "base64url"),
    ]),
  );
  const pem = (key: ReturnType<typeof createPublicKey>) =>
    key.export({ format: "pem", type: "spki" }).toString();

  it("accepts PEM, base64url and padded base64 and stores one form", () => {
    const standard = Buffer.from(edRaw, "base64url").toString("base64");
    expect(standard.endsWith("=")).toBe(true);
    for (const input of [edRaw, standard, pem(ed.publicKey), `  ${edRaw}\n`]) {
      expect(parsePublicKey("ed25519", input)).toEqual({ ok: true, key: edRaw });
    }
  });

  it("stores P-256 uncompressed, from PEM, uncompressed or compressed input", () => {
    const compressed = b64u(p256.Point.fromBytes(raw(ecRaw)).toBytes(true));
    for (const input of [ecRaw, compressed, pem(ec.publicKey)]) {
      expect(parsePublicKey("p256", input)).toEqual({ ok: true, key: ecRaw });
    }
  });

  it("accepts an X25519 PEM and raw key", () => {
    const x = generateKeyPairSync("x25519").publicKey;
    const xRaw = x.export({ format: "jwk" }).x ?? "";
    expect(parsePublicKey("x25519", pem(x))).toEqual({ ok: true, key: xRaw });
    expect(parsePublicKey("x25519", xRaw)).toEqual({ ok: true, key: xRaw });
  });

  it.each([
    ["ed25519", b64u(new Uint8Array(31)), "an Ed25519 public key is 32 bytes; this is 31"],
    ["x25519", b64u(new Uint8Array(33)), "an X25519 public key is 32 bytes; this is 33"],
    [
      "p256",
      b64u(new Uint8Array(32).fill(7)),
      "a P-256 public key is 65 bytes (or 33 compressed); this is 32",
    ],
    ["p256", b64u(Uint8Array.from([4, ...new Uint8Array(64).fill(1)])), "not a point on P-256"],
    [
      "ed25519",
      b64u(Uint8Array.from([1, ...new Uint8Array(31)])),
      "a small-order Ed25519 point (not a real key)",
    ],
    ["x25519", b64u(new Uint8Array(32)), "a low-order X25519 point (not a real key)"],
    ["ed25519", "not a key!", "neither PEM nor base64"],
    [
      "ed25519",
      "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
      "only a PEM PUBLIC KEY block is accepted",
    ],
    [
      "ed25519",
      "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
      "the PEM block is not a readable public key",
    ],
  ] as const)("refuses %s %s: %s", (alg, input, reason) => {
    expect(parsePublicKey(alg, input)).toEqual({ ok: false, reason });
  });

  it("refuses a PEM of another algorithm, naming both", () => {
    expect(parsePublicKey("ed25519", pem(ec.publicKey))).toEqual({
      ok: false,
      reason: "the PEM key is P-256, not Ed25519",
    });
    expect(parsePublicKey("x25519", pem(ed.publicKey))).toEqual({
      ok: false,
      reason: "the PEM key is Ed25519, not X25519",
    });
  });

  it("finds an Ed25519 point that is not on the curve", () => {
    // y = 2 has no x on edwards25519; fromBytes must refuse it.
    const offCurve = new Uint8Array(32);
    offCurve[0] = 2;
    expect(parsePublicKey("ed25519", b64u(offCurve))).toEqual({
      ok: false,
      reason: "not a point on Ed25519",
    });
  });
});
