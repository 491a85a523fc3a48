import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const SALT = "onboard/support/v1";
const INFO = "onboard/support/v1/held-password";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A separate key for this one use, so DATA_ENCRYPTION_KEY itself never encrypts anything directly. */
function keyOf(dataEncryptionKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", dataEncryptionKey, SALT, INFO, 32));
}

/**
 * A consumer's new password, held until the device redeems the pairing that carries it (design §4): AES-256-GCM,
 * bound to the repair link's id, so a ciphertext copied onto another link does not decrypt.
 */
export function sealHeldPassword(dataEncryptionKey: string, linkId: string, password: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyOf(dataEncryptionKey), nonce);
  cipher.setAAD(Buffer.from(linkId, "utf8"));
  const body = Buffer.concat([cipher.update(password, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([nonce, body]).toString("base64url");
}

export function openHeldPassword(dataEncryptionKey: string, linkId: string, sealed: string): string {
  const bytes = Buffer.from(sealed, "base64url");
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", keyOf(dataEncryptionKey), nonce);
  decipher.setAAD(Buffer.from(linkId, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
    decipher.final(),
  ]).toString("utf8");
}
