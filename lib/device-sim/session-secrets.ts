import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64urlEncode, utf8 } from "./bytes";
import { BUNDLE_KEY_INFO, HKDF_SALT, LENGTHS, SESSION_TOKEN_INFO } from "./constants";
import { DeviceCryptoError } from "./errors";

export interface SessionSecrets {
  /** Sent as `session` in every request (base64url). */
  sessionToken: Uint8Array;
  session: string;
  /** SHA-256 of the token: what the device signs and binds the bundle to. */
  sessionId: Uint8Array;
  bundleKey: Uint8Array;
}

/** §3.2. */
export function deriveSessionSecrets(qrSecret: Uint8Array): SessionSecrets {
  if (qrSecret.length !== LENGTHS.qrSecret) throw new DeviceCryptoError("the QR secret is not 32 bytes");
  const derive = (info: string) => hkdf(sha256, qrSecret, utf8(HKDF_SALT), utf8(info), 32);
  const sessionToken = derive(SESSION_TOKEN_INFO);
  return {
    sessionToken,
    session: base64urlEncode(sessionToken),
    sessionId: sha256(sessionToken),
    bundleKey: derive(BUNDLE_KEY_INFO),
  };
}
