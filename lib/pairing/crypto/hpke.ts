/**
 * HPKE (RFC 9180) base mode, single-shot, for DHKEM(X25519 | P-256, HKDF-SHA256) + HKDF-SHA256 + AES-128-GCM.
 * Single-shot means sequence number 0, so the AEAD nonce is the base nonce itself.
 * AES-128-GCM rather than ChaCha20-Poly1305: the credential bundle already needs AES-GCM on the device, so
 * firmware carries one AEAD family, and MCUs and secure elements commonly accelerate AES.
 */
import { gcm } from "@noble/ciphers/aes.js";
import { expand, extract } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, utf8 } from "./bytes";
import { PairingCryptoError } from "./errors";
import type { Dhkem } from "./kem";
import { HPKE_IDS } from "../protocol";

const MODE_BASE = 0x00;
const AES128_KEY_LENGTH = 16;
const GCM_NONCE_LENGTH = 12;
const SECRET_LENGTH = 32;
const HPKE_V1 = utf8("HPKE-v1");
const EMPTY = new Uint8Array(0);

function i2osp2(value: number): Uint8Array {
  return new Uint8Array([(value >> 8) & 0xff, value & 0xff]);
}

function labeledExtract(suiteId: Uint8Array, salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array {
  return extract(sha256, concatBytes(HPKE_V1, suiteId, utf8(label), ikm), salt);
}

function labeledExpand(
  suiteId: Uint8Array,
  prk: Uint8Array,
  label: string,
  info: Uint8Array,
  length: number,
): Uint8Array {
  return expand(sha256, prk, concatBytes(i2osp2(length), HPKE_V1, suiteId, utf8(label), info), length);
}

const kemSuiteId = (kem: Dhkem) => concatBytes(utf8("KEM"), i2osp2(kem.id));
const hpkeSuiteId = (kem: Dhkem) =>
  concatBytes(utf8("HPKE"), i2osp2(kem.id), i2osp2(HPKE_IDS.kdfHkdfSha256), i2osp2(HPKE_IDS.aeadAes128Gcm));

function extractAndExpand(kem: Dhkem, dh: Uint8Array, kemContext: Uint8Array): Uint8Array {
  const suiteId = kemSuiteId(kem);
  const eaePrk = labeledExtract(suiteId, EMPTY, "eae_prk", dh);
  return labeledExpand(suiteId, eaePrk, "shared_secret", kemContext, SECRET_LENGTH);
}

export interface HpkeContext {
  sharedSecret: Uint8Array;
  key: Uint8Array;
  baseNonce: Uint8Array;
}

function keySchedule(kem: Dhkem, sharedSecret: Uint8Array, info: Uint8Array): HpkeContext {
  const suiteId = hpkeSuiteId(kem);
  const pskIdHash = labeledExtract(suiteId, EMPTY, "psk_id_hash", EMPTY);
  const infoHash = labeledExtract(suiteId, EMPTY, "info_hash", info);
  const context = concatBytes(new Uint8Array([MODE_BASE]), pskIdHash, infoHash);
  const secret = labeledExtract(suiteId, sharedSecret, "secret", EMPTY);
  return {
    sharedSecret,
    key: labeledExpand(suiteId, secret, "key", context, AES128_KEY_LENGTH),
    baseNonce: labeledExpand(suiteId, secret, "base_nonce", context, GCM_NONCE_LENGTH),
  };
}

/** SetupBaseS. `ephemeralSecretKey` exists for test vectors only; production leaves it out. */
export function setupBaseSender(
  kem: Dhkem,
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  ephemeralSecretKey: Uint8Array = kem.randomSecretKey(),
): HpkeContext & { enc: Uint8Array } {
  kem.assertPublicKey(recipientPublicKey);
  const enc = kem.publicKeyOf(ephemeralSecretKey);
  const dh = kem.dh(ephemeralSecretKey, recipientPublicKey);
  const sharedSecret = extractAndExpand(kem, dh, concatBytes(enc, recipientPublicKey));
  return { enc, ...keySchedule(kem, sharedSecret, info) };
}

export function setupBaseRecipient(
  kem: Dhkem,
  recipientSecretKey: Uint8Array,
  enc: Uint8Array,
  info: Uint8Array,
): HpkeContext {
  const recipientPublicKey = kem.publicKeyOf(recipientSecretKey);
  const dh = kem.dh(recipientSecretKey, enc);
  const sharedSecret = extractAndExpand(kem, dh, concatBytes(enc, recipientPublicKey));
  return keySchedule(kem, sharedSecret, info);
}

export interface HpkeSealInput {
  kem: Dhkem;
  recipientPublicKey: Uint8Array;
  info: Uint8Array;
  aad: Uint8Array;
  plaintext: Uint8Array;
  ephemeralSecretKey?: Uint8Array;
}

export function hpkeSeal(input: HpkeSealInput): { enc: Uint8Array; ciphertext: Uint8Array } {
  const context = setupBaseSender(input.kem, input.recipientPublicKey, input.info, input.ephemeralSecretKey);
  const ciphertext = gcm(context.key, context.baseNonce, input.aad).encrypt(input.plaintext);
  return { enc: context.enc, ciphertext };
}

export interface HpkeOpenInput {
  kem: Dhkem;
  recipientSecretKey: Uint8Array;
  enc: Uint8Array;
  info: Uint8Array;
  aad: Uint8Array;
  ciphertext: Uint8Array;
}

export function hpkeOpen(input: HpkeOpenInput): Uint8Array {
  const context = setupBaseRecipient(input.kem, input.recipientSecretKey, input.enc, input.info);
  try {
    return gcm(context.key, context.baseNonce, input.aad).decrypt(input.ciphertext);
  } catch {
    throw new PairingCryptoError("decrypt_failed", "the sealed payload does not open with this key");
  }
}
