import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { base45Decode } from "@/lib/device-sim/base45";
import { base64urlDecode, lengthPrefixed } from "@/lib/device-sim/bytes";
import { DeviceCryptoError } from "@/lib/device-sim/errors";
import { decodeQrPng } from "@/lib/device-sim/qr-image";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("base45 (RFC 9285, §4.3)", () => {
  it("decodes the RFC's examples, keeping leading and trailing spaces", () => {
    expect(text(base45Decode("BB8"))).toBe("AB");
    expect(text(base45Decode("%69 VD92EX0"))).toBe("Hello!!");
    expect(text(base45Decode("UJCLQE7W581"))).toBe("base-45");
    expect([...base45Decode(" 00")]).toEqual([0x00, 0x24]);
  });

  it.each([
    ["a length ≡ 1 (mod 3)", "BB8A"],
    ["a lowercase character", "bb8"],
    ["a group above 65535", ":::"],
    ["a last pair above 255", "::"],
  ])("refuses %s", (_name, input) => {
    expect(() => base45Decode(input)).toThrow(DeviceCryptoError);
  });
});

describe("base64url (§2)", () => {
  it("decodes canonical text and checks the length", () => {
    expect([...base64urlDecode("AAE")]).toEqual([0, 1]);
    expect(() => base64urlDecode("AAE", 3)).toThrow(/expected 3 bytes/);
  });

  it.each([
    ["padding", "AAE="],
    ["the standard alphabet", "+/8"],
    ["unused low bits set", "AAF"],
    ["an impossible length", "AAAAA"],
    ["whitespace", "AA E"],
  ])("refuses %s", (_name, input) => {
    expect(() => base64urlDecode(input)).toThrow(DeviceCryptoError);
  });
});

describe("LP (§2)", () => {
  it("prefixes a 2-byte big-endian length", () => {
    expect([...lengthPrefixed(Uint8Array.of(1))]).toEqual([0, 1, 1]);
    expect([...lengthPrefixed(new Uint8Array(300)).slice(0, 2)]).toEqual([1, 44]);
  });
});

describe("decodeQrPng", () => {
  it("refuses bytes that are not a PNG", () => {
    expect(() => decodeQrPng(new TextEncoder().encode("not a png"))).toThrow(/not a readable PNG/);
  });

  it("reports an image without a QR code", () => {
    const blank = new PNG({ width: 64, height: 64 });
    blank.data.fill(255);
    expect(() => decodeQrPng(PNG.sync.write(blank))).toThrow(/no QR code found/);
  });
});
