/**
 * Byte helpers shared by every pairing format. Browser-safe (no Buffer, no node:*).
 * base64url is the protocol's only text encoding for bytes in JSON: RFC 4648 §5 alphabet, no padding, and
 * decoding is strict (a non-canonical last character is refused) so one value has exactly one spelling.
 */
import { concatBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { PairingCryptoError } from "./errors";

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE64URL_INDEX = new Map([...BASE64URL].map((char, index) => [char, index]));

export function base64urlEncode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += BASE64URL[(chunk >> (18 - 6 * c)) & 63];
  }
  return out;
}

export function base64urlDecode(text: string): Uint8Array {
  if (text.length % 4 === 1)
    throw new PairingCryptoError("bad_encoding", "base64url text has an impossible length");
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (const char of text) {
    const value = BASE64URL_INDEX.get(char);
    if (value === undefined)
      throw new PairingCryptoError("bad_encoding", "base64url text has a foreign character");
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) {
    throw new PairingCryptoError("bad_encoding", "base64url text is not canonical (stray low bits)");
  }
  return out;
}

/** Decodes base64url and insists on an exact byte length, so a field can never silently change size. */
export function base64urlDecodeExact(text: string, length: number, what: string): Uint8Array {
  const bytes = base64urlDecode(text);
  if (bytes.length !== length) throw new PairingCryptoError("bad_length", `${what} must be ${length} bytes`);
  return bytes;
}

export const utf8 = (text: string): Uint8Array => utf8ToBytes(text);

/** u16 big-endian length, then the bytes: the framing of every multi-field byte string in the protocol. */
export function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 0xffff) throw new PairingCryptoError("bad_length", "field longer than 65535 bytes");
  return concatBytes(new Uint8Array([bytes.length >> 8, bytes.length & 0xff]), bytes);
}

export function frame(...fields: Uint8Array[]): Uint8Array {
  return concatBytes(...fields.map(lengthPrefixed));
}

export function u8(value: number): Uint8Array {
  return new Uint8Array([value]);
}

export function u32be(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new PairingCryptoError("bad_length", "u32 out of range");
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export { bytesToHex, concatBytes, hexToBytes } from "@noble/hashes/utils.js";
