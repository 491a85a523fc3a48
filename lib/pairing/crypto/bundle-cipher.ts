/**
 * AES-256-GCM of the credential bundle under the session's bundle key. The aad binds the ciphertext to one session
 * and one device: LP("onboard/pairing/v1/bundle") || LP(session id) || LP(serial). The server encrypts when the
 * session is created; the device decrypts after redeem. A random 12-byte nonce is safe: each key encrypts once.
 */
import { gcm } from "@noble/ciphers/aes.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { CONTEXT, LENGTHS, LIMITS } from "../protocol";
import { frame, utf8 } from "./bytes";
import { credentialBundleSchema, type CredentialBundle } from "./credential-bundle";
import { PairingCryptoError } from "./errors";

export interface BundleBinding {
  bundleKey: Uint8Array;
  sessionId: Uint8Array;
  serial: string;
}

export interface EncryptedBundle {
  nonce: Uint8Array;
  /** AES-GCM output: ciphertext followed by the 16-byte tag. */
  ciphertext: Uint8Array;
}

export function bundleAad(sessionId: Uint8Array, serial: string): Uint8Array {
  if (sessionId.length !== LENGTHS.sessionId) {
    throw new PairingCryptoError("bad_length", `a session id is ${LENGTHS.sessionId} bytes`);
  }
  return frame(utf8(CONTEXT.bundleAad), sessionId, utf8(serial));
}

function cipherFor(binding: BundleBinding, nonce: Uint8Array) {
  if (binding.bundleKey.length !== LENGTHS.bundleKey) {
    throw new PairingCryptoError("bad_length", `a bundle key is ${LENGTHS.bundleKey} bytes`);
  }
  if (nonce.length !== LENGTHS.bundleNonce) {
    throw new PairingCryptoError("bad_length", `a bundle nonce is ${LENGTHS.bundleNonce} bytes`);
  }
  return gcm(binding.bundleKey, nonce, bundleAad(binding.sessionId, binding.serial));
}

/** `nonce` is for test vectors only; production leaves it out. */
export function encryptBundle(
  input: BundleBinding & { bundle: CredentialBundle; nonce?: Uint8Array },
): EncryptedBundle {
  const nonce = input.nonce ?? randomBytes(LENGTHS.bundleNonce);
  const plaintext = utf8(JSON.stringify(credentialBundleSchema.parse(input.bundle)));
  if (plaintext.length + LENGTHS.gcmTag > LIMITS.bundleCiphertextMaxBytes) {
    throw new PairingCryptoError("bad_length", "the credential bundle is larger than devices must accept");
  }
  return { nonce, ciphertext: cipherFor(input, nonce).encrypt(plaintext) };
}

export function decryptBundle(input: BundleBinding & EncryptedBundle): CredentialBundle {
  let plaintext: Uint8Array;
  try {
    plaintext = cipherFor(input, input.nonce).decrypt(input.ciphertext);
  } catch (error) {
    if (error instanceof PairingCryptoError) throw error;
    throw new PairingCryptoError("decrypt_failed", "the bundle does not decrypt for this session and device");
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plaintext));
  } catch {
    throw new PairingCryptoError("bad_plaintext", "the bundle is not UTF-8 JSON");
  }
  const parsed = credentialBundleSchema.safeParse(json);
  if (!parsed.success) throw new PairingCryptoError("bad_plaintext", "the bundle does not match its schema");
  return parsed.data;
}
