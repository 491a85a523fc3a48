/** The pairing crypto core. Browser-safe throughout: @noble/* and zod only, no node:*, no WebCrypto. */
export { base64urlDecode, base64urlDecodeExact, base64urlEncode } from "./bytes";
export { bundleAad, decryptBundle, encryptBundle, type EncryptedBundle } from "./bundle-cipher";
export {
  buildCredentialBundle,
  credentialBundleSchema,
  mqttDeviceIdFor,
  type CredentialBundle,
  type CredentialBundleInput,
} from "./credential-bundle";
export {
  recipientPublicKey,
  recipientSecretKey,
  type DevicePublicKeys,
  type DeviceSecretKeys,
} from "./device-keys";
export { PairingCryptoError, type PairingCryptoFailure } from "./errors";
export {
  buildQrPayload,
  openQrPayload,
  parseQrPayload,
  type QrContents,
  type WifiCredentials,
} from "./qr-payload";
export { deriveSessionSecrets, randomQrSecret, sessionIdOf, type SessionSecrets } from "./session-secrets";
export {
  buildSignedMessage,
  connectedDetailsSchema,
  signDeviceMessage,
  verifyDeviceSignature,
  type ConnectedDetails,
} from "./signed-message";
