import { createPublicKey } from "node:crypto";
import { ed25519, x25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { ALG_NAMES, type KeyAlg } from "./algorithms";

/**
 * Public keys are stored as base64url (no padding) of their raw bytes: Ed25519 and X25519 32 bytes, P-256 the
 * SEC1 uncompressed point (65 bytes, 0x04‖X‖Y). Imports may give PEM (SPKI) or raw base64/base64url.
 */
export type ParsedKey = { ok: true; key: string } | { ok: false; reason: string };

const PEM_PUBLIC_KEY = /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** Any X25519 scalar works: a low-order point gives an all-zero shared secret, which noble refuses. */
const PROBE_SCALAR = new Uint8Array(32).fill(0x42);

const NODE_KEY_TYPE: Record<KeyAlg, { type: string; curve?: string }> = {
  ed25519: { type: "ed25519" },
  x25519: { type: "x25519" },
  p256: { type: "ec", curve: "P-256" },
};

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

function fromPem(alg: KeyAlg, pem: string): Uint8Array | string {
  let jwk: { kty?: string; crv?: string; x?: string; y?: string };
  try {
    jwk = createPublicKey({ key: pem, format: "pem" }).export({ format: "jwk" });
  } catch {
    return "the PEM block is not a readable public key";
  }
  const want = NODE_KEY_TYPE[alg];
  const crv = jwk.crv?.toLowerCase();
  const matches = want.curve ? jwk.kty === "EC" && jwk.crv === want.curve : crv === want.type;
  if (!matches || !jwk.x)
    return `the PEM key is ${jwk.crv ?? jwk.kty ?? "of another type"}, not ${ALG_NAMES[alg]}`;
  const x = Buffer.from(jwk.x, "base64url");
  if (!want.curve) return x;
  if (!jwk.y) return "the PEM holds no P-256 Y coordinate";
  return Buffer.concat([Buffer.from([4]), x, Buffer.from(jwk.y, "base64url")]);
}

function validated(alg: KeyAlg, bytes: Uint8Array): Uint8Array | string {
  const name = ALG_NAMES[alg];
  if (alg === "p256") {
    if (bytes.length !== 65 && bytes.length !== 33) {
      return `a P-256 public key is 65 bytes (or 33 compressed); this is ${bytes.length}`;
    }
    try {
      return p256.Point.fromBytes(bytes).toBytes(false);
    } catch {
      return "not a point on P-256";
    }
  }
  if (bytes.length !== 32) return `an ${name} public key is 32 bytes; this is ${bytes.length}`;
  if (alg === "ed25519") {
    try {
      if (ed25519.Point.fromBytes(bytes).isSmallOrder())
        return "a small-order Ed25519 point (not a real key)";
    } catch {
      return "not a point on Ed25519";
    }
    return bytes;
  }
  try {
    x25519.getSharedSecret(PROBE_SCALAR, bytes);
  } catch {
    return "a low-order X25519 point (not a real key)";
  }
  return bytes;
}

/** Parses and checks one public key given as PEM (SPKI) or raw base64/base64url, into the stored form. */
export function parsePublicKey(alg: KeyAlg, input: string): ParsedKey {
  const text = input.trim();
  let bytes: Uint8Array | string;
  if (text.startsWith("-----")) {
    bytes = PEM_PUBLIC_KEY.test(text) ? fromPem(alg, text) : "only a PEM PUBLIC KEY block is accepted";
  } else if (BASE64.test(text)) {
    bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  } else {
    bytes = "neither PEM nor base64";
  }
  if (typeof bytes === "string") return { ok: false, reason: bytes };
  const checked = validated(alg, bytes);
  return typeof checked === "string"
    ? { ok: false, reason: checked }
    : { ok: true, key: toBase64Url(checked) };
}
