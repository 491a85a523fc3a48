/** The simulator's steps, in the order of docs/pairing-protocol.md §9 "Recommended device sequence". */
export const PAIRING_STEPS = [
  "load keys",
  "decode QR",
  "open sealed payload",
  "derive session secrets",
  "hello",
  "redeem",
  "decrypt bundle",
  "ack",
  "connect Medium One",
  "connected",
] as const;
export type PairingStep = (typeof PAIRING_STEPS)[number];

/**
 * A failure of one step. `code` is the server's error code (§5.1) when the device API refused, so a caller can tell
 * `unknown_session` from `bad_signature`; the message never carries a secret.
 */
export class DeviceStepError extends Error {
  override readonly name = "DeviceStepError";
  constructor(
    readonly step: PairingStep,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** A local check failed (bad encoding, wrong length, failed authentication); the caller knows the step. */
export class DeviceCryptoError extends Error {
  override readonly name = "DeviceCryptoError";
}
