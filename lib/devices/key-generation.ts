import { ed25519, x25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import type { KeyAlg } from "./algorithms";

/** A development key pair in the stored form: raw bytes as base64url (private: Ed25519 seed or 32-byte scalar). */
export interface GeneratedKeyPair {
  privateKey: string;
  publicKey: string;
}

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

/**
 * Pure-JS keys (@noble/curves over the platform CSPRNG). Not Node's generateKeyPairSync + JWK export: on Node 20
 * that deadlocks now and then when a GC runs inside the export (seen in `npm run bench:devices`, gdb: a mutex in
 * ~KeyGenJob under ExportJWKEdKey).
 */
export function generateKeyPair(alg: KeyAlg): GeneratedKeyPair {
  if (alg === "p256") {
    const secret = p256.utils.randomSecretKey();
    return { privateKey: b64u(secret), publicKey: b64u(p256.getPublicKey(secret, false)) };
  }
  const curve = alg === "ed25519" ? ed25519 : x25519;
  const secret = curve.utils.randomSecretKey();
  return { privateKey: b64u(secret), publicKey: b64u(curve.getPublicKey(secret)) };
}
