/**
 * Everything a pairing session needs grows from one random 32-byte QR secret, through HKDF-SHA256 with a fixed
 * salt and one info string per output. The server stores only the session id (SHA-256 of the token); the bundle
 * key is used once to encrypt the bundle and then forgotten.
 */
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes } from "@noble/hashes/utils.js";
import { CONTEXT, LENGTHS } from "../protocol";
import { utf8 } from "./bytes";
import { PairingCryptoError } from "./errors";

export interface SessionSecrets {
  /** What the device presents as `session` (base64url) in every request. */
  sessionToken: Uint8Array;
  /** SHA-256(sessionToken): what the server stores and looks sessions up by; also signed by the device. */
  sessionId: Uint8Array;
  bundleKey: Uint8Array;
}

export function randomQrSecret(): Uint8Array {
  return randomBytes(LENGTHS.qrSecret);
}

export function sessionIdOf(sessionToken: Uint8Array): Uint8Array {
  if (sessionToken.length !== LENGTHS.sessionToken) {
    throw new PairingCryptoError("bad_length", `a session token is ${LENGTHS.sessionToken} bytes`);
  }
  return sha256(sessionToken);
}

export function deriveSessionSecrets(qrSecret: Uint8Array): SessionSecrets {
  if (qrSecret.length !== LENGTHS.qrSecret) {
    throw new PairingCryptoError("bad_length", `a QR secret is ${LENGTHS.qrSecret} bytes`);
  }
  const salt = utf8(CONTEXT.hkdfSalt);
  const sessionToken = hkdf(sha256, qrSecret, salt, utf8(CONTEXT.sessionTokenInfo), LENGTHS.sessionToken);
  const bundleKey = hkdf(sha256, qrSecret, salt, utf8(CONTEXT.bundleKeyInfo), LENGTHS.bundleKey);
  return { sessionToken, sessionId: sessionIdOf(sessionToken), bundleKey };
}
