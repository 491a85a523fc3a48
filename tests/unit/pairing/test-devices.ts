import { ed25519, x25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { recipientPublicKey, recipientSecretKey, type DeviceSecretKeys } from "@/lib/pairing/crypto";
import type { KemAlg, SigningAlg } from "@/lib/pairing/protocol";

export type DeviceKind = "ed25519" | "p256" | "ed25519+x25519";
export const DEVICE_KINDS: DeviceKind[] = ["ed25519", "p256", "ed25519+x25519"];

export interface TestDevice {
  serial: string;
  alg: SigningAlg;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  recipient: { kemAlg: KemAlg; kemPublicKey: Uint8Array };
  recipientSecret: { kemAlg: KemAlg; kemSecretKey: Uint8Array };
}

let counter = 0;

/** A fresh device with random factory keys, as the registry would hold it (public) and the device (secret). */
export function makeDevice(kind: DeviceKind): TestDevice {
  const alg: SigningAlg = kind === "p256" ? "p256" : "ed25519";
  const secretKey = alg === "p256" ? p256.utils.randomSecretKey() : ed25519.utils.randomSecretKey();
  const publicKey = alg === "p256" ? p256.getPublicKey(secretKey, false) : ed25519.getPublicKey(secretKey);
  const secrets: DeviceSecretKeys = { alg, secretKey };
  if (kind === "ed25519+x25519") {
    secrets.kemAlg = "x25519";
    secrets.kemSecretKey = x25519.utils.randomSecretKey();
  }
  const kemPublicKey = secrets.kemSecretKey ? x25519.getPublicKey(secrets.kemSecretKey) : undefined;
  counter += 1;
  return {
    serial: `TEST-${kind}-${counter}`,
    alg,
    secretKey,
    publicKey,
    recipient: recipientPublicKey({ alg, publicKey, kemAlg: secrets.kemAlg, kemPublicKey }),
    recipientSecret: recipientSecretKey(secrets),
  };
}
