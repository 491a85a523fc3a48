/**
 * The two DHKEMs of RFC 9180 §4.1 that v1 uses, on audited noble curves (no WebCrypto, so it runs on a LAN
 * address without a secure context). Keys are raw bytes: X25519 32-byte scalars and u-coordinates, P-256 32-byte
 * scalars and 65-byte SEC1 uncompressed points (RFC 9180 SerializePublicKey).
 */
import { x25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { HPKE_IDS, LENGTHS, type KemAlg } from "../protocol";
import { PairingCryptoError } from "./errors";

export interface Dhkem {
  readonly alg: KemAlg;
  readonly id: number;
  readonly encLength: number;
  randomSecretKey(): Uint8Array;
  publicKeyOf(secretKey: Uint8Array): Uint8Array;
  /** Throws PairingCryptoError("bad_key") unless `publicKey` is a valid serialized key of this KEM. */
  assertPublicKey(publicKey: Uint8Array): void;
  dh(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array;
}

function badKey(message: string): PairingCryptoError {
  return new PairingCryptoError("bad_key", message);
}

const dhkemX25519: Dhkem = {
  alg: "x25519",
  id: HPKE_IDS.kem.x25519,
  encLength: LENGTHS.enc.x25519,
  randomSecretKey: () => x25519.utils.randomSecretKey(),
  publicKeyOf(secretKey) {
    if (secretKey.length !== 32) throw badKey("an X25519 secret key is 32 bytes");
    return x25519.getPublicKey(secretKey);
  },
  assertPublicKey(publicKey) {
    if (publicKey.length !== 32) throw badKey("an X25519 public key is 32 bytes");
  },
  dh(secretKey, publicKey) {
    this.assertPublicKey(publicKey);
    let shared: Uint8Array;
    try {
      shared = x25519.getSharedSecret(secretKey, publicKey);
    } catch {
      throw badKey("X25519 refused the key (low-order point)");
    }
    // RFC 9180 §7.1.4: an all-zero X25519 output means a low-order peer key and must abort.
    if (shared.every((byte) => byte === 0)) throw badKey("X25519 produced the all-zero value");
    return shared;
  },
};

const dhkemP256: Dhkem = {
  alg: "p256",
  id: HPKE_IDS.kem.p256,
  encLength: LENGTHS.enc.p256,
  randomSecretKey: () => p256.utils.randomSecretKey(),
  publicKeyOf(secretKey) {
    if (secretKey.length !== 32 || !p256.utils.isValidSecretKey(secretKey)) {
      throw badKey("a P-256 secret key is a 32-byte scalar in [1, n-1]");
    }
    return p256.getPublicKey(secretKey, false);
  },
  assertPublicKey(publicKey) {
    // Only the uncompressed form is valid in HPKE, and the point must be on the curve.
    if (publicKey.length !== 65 || publicKey[0] !== 0x04 || !p256.utils.isValidPublicKey(publicKey, false)) {
      throw badKey("a P-256 public key is a 65-byte uncompressed point on the curve");
    }
  },
  dh(secretKey, publicKey) {
    this.assertPublicKey(publicKey);
    // The DH value of DHKEM(P-256) is the x-coordinate alone: drop the compressed point's prefix byte.
    return p256.getSharedSecret(secretKey, publicKey, true).slice(1);
  },
};

export const DHKEMS: Record<KemAlg, Dhkem> = { x25519: dhkemX25519, p256: dhkemP256 };
