import { generateKeyPairSync } from "node:crypto";
import type { KeyAlg } from "./algorithms";

/** A development key pair in the stored form: raw bytes as base64url (private: Ed25519 seed or 32-byte scalar). */
export interface GeneratedKeyPair {
  privateKey: string;
  publicKey: string;
}

/** Node's key generation (OpenSSL) is several times faster than a pure-JS one; JWK export gives the raw bytes. */
export function generateKeyPair(alg: KeyAlg): GeneratedKeyPair {
  const pair =
    alg === "p256"
      ? generateKeyPairSync("ec", { namedCurve: "P-256" })
      : alg === "ed25519"
        ? generateKeyPairSync("ed25519")
        : generateKeyPairSync("x25519");
  const jwk = pair.privateKey.export({ format: "jwk" });
  if (!jwk.d || !jwk.x) throw new Error(`key generation for ${alg} returned no key`);
  if (alg !== "p256") return { privateKey: jwk.d, publicKey: jwk.x };
  if (!jwk.y) throw new Error("P-256 key generation returned no Y coordinate");
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x, "base64url"),
    Buffer.from(jwk.y, "base64url"),
  ]);
  return { privateKey: jwk.d, publicKey: point.toString("base64url") };
}
