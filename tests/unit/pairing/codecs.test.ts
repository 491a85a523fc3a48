import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base45Decode, base45Encode } from "@/lib/pairing/crypto/base45";
import {
  base64urlDecode,
  base64urlDecodeExact,
  base64urlEncode,
  frame,
  u32be,
} from "@/lib/pairing/crypto/bytes";
import { PairingCryptoError } from "@/lib/pairing/crypto/errors";

describe("base64url (no padding, strict)", () => {
  it("matches Node's encoder and round-trips any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = base64urlEncode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(base64urlDecode(text)).toEqual(bytes);
      }),
    );
  });

  it.each([
    ["padding", "AA=="],
    ["the standard alphabet", "a+b/"],
    ["an impossible length", "AAAAA"],
    ["stray low bits", "AB"],
  ])("refuses %s", (_what, text) => {
    expect(() => base64urlDecode(text)).toThrow(PairingCryptoError);
  });

  it("insists on exact lengths where asked", () => {
    expect(() => base64urlDecodeExact(base64urlEncode(new Uint8Array(31)), 32, "a nonce")).toThrow(
      /32 bytes/,
    );
  });
});

describe("base45 (RFC 9285)", () => {
  it("reproduces the RFC 9285 examples", () => {
    expect(base45Encode(new TextEncoder().encode("AB"))).toBe("BB8");
    expect(base45Encode(new TextEncoder().encode("Hello!!"))).toBe("%69 VD92EX0");
    expect(base45Encode(new TextEncoder().encode("base-45"))).toBe("UJCLQE7W581");
    expect(new TextDecoder().decode(base45Decode("QED8WEX0"))).toBe("ietf!");
  });

  it("round-trips any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(base45Decode(base45Encode(bytes))).toEqual(bytes);
      }),
    );
  });

  it.each([
    ["a lowercase letter", "bb8"],
    ["an impossible length", "BB8A"],
    ["a triple above 65535", "GGW"],
    ["a pair above 255", "GG"],
  ])("refuses %s", (_what, text) => {
    expect(() => base45Decode(text)).toThrow(PairingCryptoError);
  });
});

describe("framing", () => {
  it("prefixes each field with its u16 big-endian length", () => {
    expect(frame(Uint8Array.of(7), new Uint8Array(0), Uint8Array.of(1, 2))).toEqual(
      Uint8Array.of(0, 1, 7, 0, 0, 0, 2, 1, 2),
    );
  });

  it("refuses fields and numbers that do not fit", () => {
    expect(() => frame(new Uint8Array(0x10000))).toThrow(PairingCryptoError);
    expect(() => u32be(2 ** 32)).toThrow(PairingCryptoError);
    expect(() => u32be(-1)).toThrow(PairingCryptoError);
  });
});
