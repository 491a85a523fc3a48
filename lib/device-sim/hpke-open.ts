import { gcm } from "@noble/ciphers/aes.js";
import { x25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { expand, extract } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, utf8 } from "./bytes";
import { HPKE_AEAD_ID, HPKE_KDF_ID, KEM_IDS, LENGTHS, type KemAlg } from "./constants";
import { DeviceCryptoError } from "./errors";

/**
 * HPKE (RFC 9180) base mode, single-shot open, for DHKEM(X25519|P-256, HKDF-SHA256), HKDF-SHA256 and AES-128-GCM,
 * written step by step from docs/pairing-protocol.md §4.2 so each intermediate value can be checked against §11.
 */

export interface RecipientKey {
  kemAlg: KemAlg;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

const i2osp2 = (n: number) => Uint8Array.of(n >> 8, n & 0xff);
const HPKE_V1 = utf8("HPKE-v1");
const N_SECRET = 32;
const N_K = 16;
const N_N = 12;

const kemSuiteId = (kem: KemAlg) => concatBytes(utf8("KEM"), i2osp2(KEM_IDS[kem]));
const hpkeSuiteId = (kem: KemAlg) =>
  concatBytes(utf8("HPKE"), i2osp2(KEM_IDS[kem]), i2osp2(HPKE_KDF_ID), i2osp2(HPKE_AEAD_ID));

function labeledExtract(suite: Uint8Array, salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array {
  // An empty salt is HMAC keyed with zeros (RFC 5869), which is what an empty HMAC key means anyway.
  return extract(sha256, concatBytes(HPKE_V1, suite, utf8(label), ikm), salt);
}

function labeledExpand(suite: Uint8Array, prk: Uint8Array, label: string, info: Uint8Array, length: number) {
  return expand(sha256, prk, concatBytes(i2osp2(length), HPKE_V1, suite, utf8(label), info), length);
}

/** `DH(skR, enc)`; refuses an all-zero X25519 result and any P-256 `enc` that is not a valid uncompressed point. */
function diffieHellman(kem: KemAlg, secretKey: Uint8Array, enc: Uint8Array): Uint8Array {
  if (enc.length !== LENGTHS.enc[kem]) throw new DeviceCryptoError(`enc must be ${LENGTHS.enc[kem]} bytes`);
  if (kem === "x25519") {
    let shared: Uint8Array;
    try {
      shared = x25519.getSharedSecret(secretKey, enc);
    } catch {
      throw new DeviceCryptoError("X25519 gave an all-zero shared secret");
    }
    if (shared.every((b) => b === 0)) throw new DeviceCryptoError("X25519 gave an all-zero shared secret");
    return shared;
  }
  if (enc[0] !== 0x04) throw new DeviceCryptoError("enc is not an uncompressed P-256 point");
  try {
    p256.Point.fromBytes(enc).assertValidity();
  } catch {
    throw new DeviceCryptoError("enc is not a point on P-256");
  }
  // getSharedSecret returns the compressed point; DH is its x-coordinate.
  return p256.getSharedSecret(secretKey, enc, true).slice(1);
}

export function hpkeDecap(recipient: RecipientKey, enc: Uint8Array): Uint8Array {
  const suite = kemSuiteId(recipient.kemAlg);
  const dh = diffieHellman(recipient.kemAlg, recipient.secretKey, enc);
  const kemContext = concatBytes(enc, recipient.publicKey);
  const eaePrk = labeledExtract(suite, new Uint8Array(0), "eae_prk", dh);
  return labeledExpand(suite, eaePrk, "shared_secret", kemContext, N_SECRET);
}

export function hpkeKeySchedule(kem: KemAlg, sharedSecret: Uint8Array, info: Uint8Array) {
  const suite = hpkeSuiteId(kem);
  const empty = new Uint8Array(0);
  const pskIdHash = labeledExtract(suite, empty, "psk_id_hash", empty);
  const infoHash = labeledExtract(suite, empty, "info_hash", info);
  const context = concatBytes(Uint8Array.of(0x00), pskIdHash, infoHash);
  const secret = labeledExtract(suite, sharedSecret, "secret", empty);
  return {
    key: labeledExpand(suite, secret, "key", context, N_K),
    baseNonce: labeledExpand(suite, secret, "base_nonce", context, N_N),
  };
}

export function hpkeOpen(input: {
  recipient: RecipientKey;
  enc: Uint8Array;
  info: Uint8Array;
  aad: Uint8Array;
  ciphertext: Uint8Array;
}): Uint8Array {
  const sharedSecret = hpkeDecap(input.recipient, input.enc);
  const { key, baseNonce } = hpkeKeySchedule(input.recipient.kemAlg, sharedSecret, input.info);
  try {
    return gcm(key, baseNonce, input.aad).decrypt(input.ciphertext);
  } catch {
    throw new DeviceCryptoError("the sealed payload did not authenticate (not sealed to this device's key)");
  }
}
