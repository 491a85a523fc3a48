/**
 * Why a pairing crypto operation refused its input. Messages never contain key material, secrets or plaintext,
 * so callers may log them; `reason` is stable for code to branch on.
 */
export type PairingCryptoFailure =
  | "bad_encoding"
  | "bad_length"
  | "bad_key"
  | "unsupported_version"
  | "unsupported_kem"
  | "decrypt_failed"
  | "bad_plaintext";

export class PairingCryptoError extends Error {
  readonly reason: PairingCryptoFailure;

  constructor(reason: PairingCryptoFailure, message: string) {
    super(message);
    this.name = "PairingCryptoError";
    this.reason = reason;
  }
}
