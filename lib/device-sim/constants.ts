/**
 * Constants of docs/pairing-protocol.md §2.1, copied from the document (never imported from lib/pairing): the
 * simulator exists to prove the document alone is enough to pair a device.
 */
export const PROTOCOL_VERSION = 1;
export const HKDF_SALT = "onboard/pairing/v1";
export const SESSION_TOKEN_INFO = "onboard/pairing/v1/session-token";
export const BUNDLE_KEY_INFO = "onboard/pairing/v1/bundle-key";
export const QR_SEAL_CONTEXT = "onboard/pairing/v1/qr-seal";
export const BUNDLE_AAD_CONTEXT = "onboard/pairing/v1/bundle";
export const SIGNATURE_CONTEXTS = {
  redeem: "onboard/pairing/v1/redeem",
  ack: "onboard/pairing/v1/ack",
  connected: "onboard/pairing/v1/connected",
} as const;
export const QR_TEXT_PREFIX = "OB1:";

export type KemAlg = "x25519" | "p256";
export type SigningAlg = "ed25519" | "p256";

/** §2.1 "KEM code in the QR", which is also the HPKE kem_id (§4.2). */
export const KEM_IDS: Record<KemAlg, number> = { x25519: 0x0020, p256: 0x0010 };
export const HPKE_KDF_ID = 0x0001;
export const HPKE_AEAD_ID = 0x0001;

/** §4.1, §4.2, §5.1, §7 lengths. */
export const LENGTHS = {
  qrSecret: 32,
  sessionToken: 32,
  serverNonce: 32,
  signature: 64,
  bundleNonce: 12,
  aesGcmTag: 16,
  enc: { x25519: 32, p256: 65 } satisfies Record<KemAlg, number>,
  maxBundlePlaintext: 2032,
  maxBundleCiphertext: 2048,
} as const;

/** §5 paths, appended to the firmware-configured API base URL (never taken from the QR). */
export const DEVICE_API_PATHS = {
  hello: "/api/v1/pairing/hello",
  redeem: "/api/v1/pairing/redeem",
  ack: "/api/v1/pairing/ack",
  connected: "/api/v1/pairing/connected",
} as const;
export type DeviceApiOperation = keyof typeof DEVICE_API_PATHS;

/** §9 timing a device relies on. */
export const SESSION_LIFETIME_MS = 10 * 60 * 1000;
export const DEFAULT_RETRY_AFTER_SECONDS = 5;
