/**
 * What a device signs, and checking it. Signed bytes are a concatenation of length-prefixed fields (u16 big-endian
 * length, then the bytes), so no two different messages share an encoding:
 *   LP(context) || LP(0x01) || LP(server nonce) || LP(session id) || LP(serial)
 *   connected adds: || LP(via) || LP(client_id) || LP(u32be elapsed_ms) || LP(firmware)
 * Ed25519 is RFC 8032 over those bytes. ECDSA P-256 signs SHA-256 of them; the signature is r || s (64 bytes).
 * Verification accepts high-S as well as low-S: secure elements emit either, and nothing here uses a signature as
 * an identifier, so malleability gains an attacker nothing (replay is stopped by the nonce and the session state).
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { z } from "zod";
import {
  CONNECTED_VIA,
  CONTEXT,
  LENGTHS,
  LIMITS,
  PROTOCOL_VERSION,
  type SignedMessageKind,
  type SigningAlg,
} from "../protocol";
import { concatBytes, frame, u32be, u8, utf8 } from "./bytes";
import { PairingCryptoError } from "./errors";

export const connectedDetailsSchema = z.strictObject({
  via: z.enum(CONNECTED_VIA),
  client_id: z
    .string()
    .max(LIMITS.connectedClientIdMaxChars)
    .regex(/^[\x20-\x7e]*$/),
  elapsed_ms: z.int().min(0).max(0xffffffff),
  firmware: z.string().max(LIMITS.connectedFirmwareMaxChars),
});
export type ConnectedDetails = z.infer<typeof connectedDetailsSchema>;

export interface SessionProof {
  nonce: Uint8Array;
  sessionId: Uint8Array;
  serial: string;
}

function assertLength(bytes: Uint8Array, length: number, what: string): void {
  if (bytes.length !== length) throw new PairingCryptoError("bad_length", `${what} must be ${length} bytes`);
}

export function buildSignedMessage(kind: "redeem" | "ack", fields: SessionProof): Uint8Array;
export function buildSignedMessage(
  kind: "connected",
  fields: SessionProof & { details: ConnectedDetails },
): Uint8Array;
export function buildSignedMessage(
  kind: SignedMessageKind,
  fields: SessionProof & { details?: ConnectedDetails },
): Uint8Array {
  assertLength(fields.nonce, LENGTHS.serverNonce, "a server nonce");
  assertLength(fields.sessionId, LENGTHS.sessionId, "a session id");
  const common = frame(
    utf8(CONTEXT[kind]),
    u8(PROTOCOL_VERSION),
    fields.nonce,
    fields.sessionId,
    utf8(fields.serial),
  );
  if (kind !== "connected") return common;
  const details = connectedDetailsSchema.parse(fields.details);
  return concatBytes(
    common,
    frame(utf8(details.via), utf8(details.client_id), u32be(details.elapsed_ms), utf8(details.firmware)),
  );
}

/** Device side (and the simulator and vectors). Deterministic: Ed25519 by design, ECDSA through RFC 6979. */
export function signDeviceMessage(alg: SigningAlg, secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  assertLength(secretKey, LENGTHS.secretKey, "a device secret key");
  return alg === "ed25519" ? ed25519.sign(message, secretKey) : p256.sign(message, secretKey);
}

/** Server side. Never throws: a malformed key or signature is simply not a valid signature. */
export function verifyDeviceSignature(
  alg: SigningAlg,
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== LENGTHS.signature || publicKey.length !== LENGTHS.publicKey[alg]) return false;
  try {
    if (alg === "ed25519") return ed25519.verify(signature, message, publicKey, { zip215: false });
    if (publicKey[0] !== 0x04) return false;
    return p256.verify(signature, message, publicKey, { lowS: false });
  } catch {
    return false;
  }
}
