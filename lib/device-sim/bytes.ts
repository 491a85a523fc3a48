import { DeviceCryptoError } from "./errors";

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** §2 `LP(x)`: 2-byte big-endian length, then x. */
export function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 0xffff) throw new DeviceCryptoError("a length-prefixed field is at most 65535 bytes");
  return concatBytes(Uint8Array.of(bytes.length >> 8, bytes.length & 0xff), bytes);
}

export function base64urlEncode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

/**
 * §2: base64url without padding; refuses padding, foreign characters and non-canonical text (unused low bits set),
 * which Node's lenient decoder would accept. Re-encoding must give back the same text.
 */
export function base64urlDecode(text: string, expectedLength?: number): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw new DeviceCryptoError("not canonical base64url");
  const bytes = new Uint8Array(Buffer.from(text, "base64url"));
  if (base64urlEncode(bytes) !== text) throw new DeviceCryptoError("not canonical base64url");
  if (expectedLength !== undefined && bytes.length !== expectedLength) {
    throw new DeviceCryptoError(`expected ${expectedLength} bytes, got ${bytes.length}`);
  }
  return bytes;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
