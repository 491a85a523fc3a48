/**
 * Which key the QR is sealed to. A device with a separate encryption key (`kem_alg`) uses it; otherwise its signing
 * key's own form: Ed25519 through the birational map to X25519 (RFC 7748 §4.1), P-256 as is.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { LENGTHS, type KemAlg, type SigningAlg } from "../protocol";
import { PairingCryptoError } from "./errors";

export interface DevicePublicKeys {
  alg: SigningAlg;
  publicKey: Uint8Array;
  kemAlg?: KemAlg;
  kemPublicKey?: Uint8Array;
}

export interface DeviceSecretKeys {
  alg: SigningAlg;
  secretKey: Uint8Array;
  kemAlg?: KemAlg;
  kemSecretKey?: Uint8Array;
}

function assertLength(bytes: Uint8Array, length: number, what: string): void {
  if (bytes.length !== length) throw new PairingCryptoError("bad_length", `${what} must be ${length} bytes`);
}

function separateKey<K>(
  kemAlg: KemAlg | undefined,
  key: K | undefined,
): { kemAlg: KemAlg; key: K } | undefined {
  if (kemAlg === undefined && key === undefined) return undefined;
  if (kemAlg === undefined || key === undefined) {
    throw new PairingCryptoError("bad_key", "kem_alg and the encryption key come together or not at all");
  }
  return { kemAlg, key };
}

export function recipientPublicKey(device: DevicePublicKeys): { kemAlg: KemAlg; kemPublicKey: Uint8Array } {
  const separate = separateKey(device.kemAlg, device.kemPublicKey);
  if (separate) return { kemAlg: separate.kemAlg, kemPublicKey: separate.key };
  assertLength(device.publicKey, LENGTHS.publicKey[device.alg], `an ${device.alg} public key`);
  if (device.alg === "p256") return { kemAlg: "p256", kemPublicKey: device.publicKey };
  try {
    return { kemAlg: "x25519", kemPublicKey: ed25519.utils.toMontgomery(device.publicKey) };
  } catch {
    throw new PairingCryptoError("bad_key", "not a valid Ed25519 public key");
  }
}

export function recipientSecretKey(device: DeviceSecretKeys): { kemAlg: KemAlg; kemSecretKey: Uint8Array } {
  const separate = separateKey(device.kemAlg, device.kemSecretKey);
  if (separate) return { kemAlg: separate.kemAlg, kemSecretKey: separate.key };
  assertLength(device.secretKey, LENGTHS.secretKey, "a device secret key");
  if (device.alg === "p256") return { kemAlg: "p256", kemSecretKey: device.secretKey };
  // The first half of SHA-512(seed), clamped: the scalar Ed25519 signs with.
  return { kemAlg: "x25519", kemSecretKey: ed25519.utils.toMontgomerySecret(device.secretKey) };
}
