/**
 * Base45 (RFC 9285): every character is in the QR alphanumeric set, so a QR stores it at 5.5 bits per character,
 * about 15% denser than base64url in byte mode for our payloads. Decoding is strict: foreign characters,
 * impossible lengths and out-of-range groups are refused.
 */
import { PairingCryptoError } from "./errors";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
const INDEX = new Map([...ALPHABET].map((char, index) => [char, index]));

export function base45Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 2) {
    const pair = i + 1 < bytes.length;
    let value = pair ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]!;
    const digits = pair ? 3 : 2;
    for (let d = 0; d < digits; d++) {
      out += ALPHABET[value % 45];
      value = Math.floor(value / 45);
    }
  }
  return out;
}

export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1)
    throw new PairingCryptoError("bad_encoding", "base45 text has an impossible length");
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 3) {
    const group = text.slice(i, i + 3);
    let value = 0;
    for (let d = group.length - 1; d >= 0; d--) {
      const digit = INDEX.get(group[d]!);
      if (digit === undefined)
        throw new PairingCryptoError("bad_encoding", "base45 text has a foreign character");
      value = value * 45 + digit;
    }
    if (group.length === 3) {
      if (value > 0xffff) throw new PairingCryptoError("bad_encoding", "base45 group out of range");
      out.push(value >> 8, value & 0xff);
    } else {
      if (value > 0xff) throw new PairingCryptoError("bad_encoding", "base45 group out of range");
      out.push(value);
    }
  }
  return Uint8Array.from(out);
}
