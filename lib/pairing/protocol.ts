/**
 * Pairing protocol v1: every constant a device, the browser and the server must agree on.
 * docs/pairing-protocol.md is the normative text; these values are quoted there verbatim, so a change here is a
 * protocol change (new version, new context strings) and must regenerate docs/pairing-test-vectors.json.
 * Browser-safe: no imports.
 */

export const PROTOCOL_VERSION = 1;

/** Domain-separation strings (ASCII). Each use of a key or hash gets its own, so no output can stand in for another. */
export const CONTEXT = {
  hkdfSalt: "onboard/pairing/v1",
  sessionTokenInfo: "onboard/pairing/v1/session-token",
  bundleKeyInfo: "onboard/pairing/v1/bundle-key",
  qrSealInfo: "onboard/pairing/v1/qr-seal",
  bundleAad: "onboard/pairing/v1/bundle",
  redeem: "onboard/pairing/v1/redeem",
  ack: "onboard/pairing/v1/ack",
  connected: "onboard/pairing/v1/connected",
} as const;

export type SignedMessageKind = "redeem" | "ack" | "connected";

/** Text prefix of a QR payload; the rest is base45 (RFC 9285), so the whole text fits QR alphanumeric mode. */
export const QR_TEXT_PREFIX = "OB1:";

export const SIGNING_ALGS = ["ed25519", "p256"] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

export const KEM_ALGS = ["x25519", "p256"] as const;
export type KemAlg = (typeof KEM_ALGS)[number];

/** One-byte KEM code in the QR payload: the low byte of the RFC 9180 KEM id. */
export const QR_KEM_CODE: Record<KemAlg, number> = { x25519: 0x20, p256: 0x10 };

/** RFC 9180 identifiers of the one suite per KEM that v1 uses. */
export const HPKE_IDS = {
  kem: { x25519: 0x0020, p256: 0x0010 } satisfies Record<KemAlg, number>,
  kdfHkdfSha256: 0x0001,
  aeadAes128Gcm: 0x0001,
} as const;

export const LENGTHS = {
  qrSecret: 32,
  sessionToken: 32,
  sessionId: 32,
  bundleKey: 32,
  bundleNonce: 12,
  gcmTag: 16,
  serverNonce: 32,
  signature: 64,
  publicKey: { ed25519: 32, x25519: 32, p256: 65 },
  secretKey: 32,
  /** HPKE `enc` per KEM: X25519 raw, P-256 SEC1 uncompressed (RFC 9180 SerializePublicKey). */
  enc: { x25519: 32, p256: 65 } satisfies Record<KemAlg, number>,
} as const;

export const LIMITS = {
  serialMaxChars: 64,
  wifiSsidMaxBytes: 32,
  wifiPasswordMaxBytes: 64,
  /** MQTT client ids at Medium One: any unique string of at most 32 characters. */
  mqttClientIdMaxChars: 32,
  connectedFirmwareMaxChars: 64,
  connectedClientIdMaxChars: 32,
  /** Largest bundle ciphertext a device must accept (plaintext JSON + tag), so firmware can size its buffer. */
  bundleCiphertextMaxBytes: 2048,
} as const;

/** Printable ASCII without spaces: serials go into signed bytes and the HPKE info as their ASCII bytes. */
export const SERIAL_PATTERN = /^[\x21-\x7e]{1,64}$/;

export const TIMING = {
  sessionLifetimeMs: 10 * 60_000,
  helloNonceLifetimeMs: 2 * 60_000,
  /** A session redeemed before its expiry stays usable (hello, redeem, ack) at least this long after the first redeem. */
  ackGraceAfterRedeemMs: 2 * 60_000,
  /** `connected` is accepted this long after the ack. */
  connectedWindowAfterAckMs: 5 * 60_000,
} as const;

export const DEVICE_API_PATHS = {
  hello: "/api/v1/pairing/hello",
  redeem: "/api/v1/pairing/redeem",
  ack: "/api/v1/pairing/ack",
  connected: "/api/v1/pairing/connected",
} as const;

/** Every error the device API answers with, and its HTTP status. Bodies are `{"error":{"code","message"}}`. */
export const DEVICE_ERROR_STATUS = {
  malformed: 400,
  unsupported_version: 400,
  bad_signature: 401,
  stale_nonce: 401,
  unknown_session: 404,
  already_used: 409,
  rate_limited: 429,
  server_error: 500,
} as const;
export type DeviceErrorCode = keyof typeof DEVICE_ERROR_STATUS;

/** How the device learnt that Medium One accepted its credentials (the `connected` report). */
export const CONNECTED_VIA = ["mqtt_connack", "event_accepted"] as const;
export type ConnectedVia = (typeof CONNECTED_VIA)[number];
