import fs from "node:fs";
import { ed25519, x25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { sha512 } from "@noble/hashes/sha2.js";
import { z } from "zod";
import { base64urlDecode, equalBytes } from "./bytes";
import type { KemAlg, SigningAlg } from "./constants";
import { DeviceCryptoError } from "./errors";
import type { RecipientKey } from "./hpke-open";

/** A device's factory keys (§3.1), as the device holds them. */
export interface DeviceKeys {
  serial: string;
  alg: SigningAlg;
  signingSecretKey: Uint8Array;
  signingPublicKey: Uint8Array;
  kem?: { alg: KemAlg; secretKey: Uint8Array; publicKey: Uint8Array };
}

/** One line of `device-keys.jsonl`, as `npm run devices -- generate` writes it. */
const keyLineSchema = z
  .object({
    serial: z.string().regex(/^[\x21-\x7e]{1,64}$/, "serial is 1–64 printable ASCII characters"),
    alg: z.enum(["ed25519", "p256"]),
    signing_private_key: z.string(),
    signing_public_key: z.string(),
    kem_alg: z.enum(["x25519", "p256"]).optional(),
    kem_private_key: z.string().optional(),
    kem_public_key: z.string().optional(),
  })
  .refine((line) => (line.kem_alg === undefined) === (line.kem_private_key === undefined), {
    message: "kem_alg and kem_private_key come together",
  });

const publicKeyOf = {
  ed25519: (secret: Uint8Array) => ed25519.getPublicKey(secret),
  p256: (secret: Uint8Array) => p256.getPublicKey(secret, false),
  x25519: (secret: Uint8Array) => x25519.getPublicKey(secret),
};

function checkedPair(kind: keyof typeof publicKeyOf, secretText: string, publicText?: string) {
  const secretKey = base64urlDecode(secretText, 32);
  let publicKey: Uint8Array;
  try {
    publicKey = publicKeyOf[kind](secretKey);
  } catch {
    throw new DeviceCryptoError(`the ${kind} private key is not a valid key`);
  }
  if (publicText !== undefined && !equalBytes(base64urlDecode(publicText), publicKey)) {
    throw new DeviceCryptoError(`the ${kind} public key does not belong to the private key`);
  }
  return { secretKey, publicKey };
}

export function parseDeviceKeys(line: unknown): DeviceKeys {
  const parsed = keyLineSchema.safeParse(line);
  if (!parsed.success) {
    throw new DeviceCryptoError(
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    );
  }
  const l = parsed.data;
  const signing = checkedPair(l.alg, l.signing_private_key, l.signing_public_key);
  const kem =
    l.kem_alg && l.kem_private_key
      ? { alg: l.kem_alg, ...checkedPair(l.kem_alg, l.kem_private_key, l.kem_public_key) }
      : undefined;
  return {
    serial: l.serial,
    alg: l.alg,
    signingSecretKey: signing.secretKey,
    signingPublicKey: signing.publicKey,
    kem,
  };
}

/** Finds the device's line by serial in a JSON-lines key file. */
export function loadDeviceKeys(file: string, serial: string): DeviceKeys {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  for (const [index, text] of lines.entries()) {
    if (text.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new DeviceCryptoError(`line ${index + 1} of the key file is not JSON`);
    }
    if ((json as { serial?: unknown } | null)?.serial === serial) return parseDeviceKeys(json);
  }
  throw new DeviceCryptoError(`serial ${serial} is not in the key file`);
}

/**
 * §3.1 recipient key: the separate encryption key, else the signing key's own form (P-256 as is; Ed25519 through
 * X25519 with the scalar = clamped first half of SHA-512(seed), the scalar Ed25519 itself uses).
 */
export function recipientKeyOf(keys: DeviceKeys): RecipientKey {
  if (keys.kem) return { kemAlg: keys.kem.alg, secretKey: keys.kem.secretKey, publicKey: keys.kem.publicKey };
  if (keys.alg === "p256") {
    return { kemAlg: "p256", secretKey: keys.signingSecretKey, publicKey: keys.signingPublicKey };
  }
  const scalar = sha512(keys.signingSecretKey).slice(0, 32);
  scalar[0]! &= 248;
  scalar[31]! &= 127;
  scalar[31]! |= 64;
  return { kemAlg: "x25519", secretKey: scalar, publicKey: x25519.getPublicKey(scalar) };
}

/**
 * §6: Ed25519 (RFC 8032, pure) or ECDSA P-256 over SHA-256(bytes), `r || s` (RFC 6979 nonces). The server takes
 * either S, but the §11 vectors are low-S normalised (the P-256 redeem vector differs from raw RFC 6979 output).
 */
export function signBytes(keys: DeviceKeys, bytes: Uint8Array): Uint8Array {
  return keys.alg === "ed25519"
    ? ed25519.sign(bytes, keys.signingSecretKey)
    : p256.sign(bytes, keys.signingSecretKey, { prehash: true, lowS: true, format: "compact" });
}
