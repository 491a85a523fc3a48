import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import {
  buildQrPayload,
  openQrPayload,
  parseQrPayload,
  PairingCryptoError,
  randomQrSecret,
  type WifiCredentials,
} from "@/lib/pairing/crypto";
import { base45Decode, base45Encode } from "@/lib/pairing/crypto/base45";
import { QR_TEXT_PREFIX } from "@/lib/pairing/protocol";
import { DEVICE_KINDS, makeDevice, type TestDevice } from "./test-devices";

const MAX_WIFI: WifiCredentials = { ssid: "S".repeat(32), password: "p".repeat(64) };

function seal(device: TestDevice, wifi?: WifiCredentials) {
  const qrSecret = randomQrSecret();
  return { qrSecret, ...buildQrPayload({ serial: device.serial, ...device.recipient, qrSecret, wifi }) };
}

function open(device: TestDevice, text: string, serial = device.serial) {
  return openQrPayload({ text, serial, ...device.recipientSecret });
}

function reencode(bytes: Uint8Array): string {
  return QR_TEXT_PREFIX + base45Encode(bytes);
}

describe.each(DEVICE_KINDS)("QR payload for a %s device", (kind) => {
  it("round-trips the QR secret without Wi-Fi", () => {
    const device = makeDevice(kind);
    const { qrSecret, text } = seal(device);
    expect(open(device, text)).toEqual({ qrSecret });
  });

  it("round-trips Wi-Fi credentials, including UTF-8, an open network and the maximum sizes", () => {
    const device = makeDevice(kind);
    for (const wifi of [
      { ssid: "Café ☕", password: "pässwörd" },
      { ssid: "Open", password: "" },
      MAX_WIFI,
    ]) {
      const { qrSecret, text } = seal(device, wifi);
      expect(open(device, text)).toEqual({ qrSecret, wifi });
    }
  });

  it("cannot be opened by another device of the same kind", () => {
    const { text } = seal(makeDevice(kind));
    expect(() => open(makeDevice(kind), text)).toThrow(PairingCryptoError);
  });

  it("cannot be opened under another serial (the browser binds the serial it was told)", () => {
    const device = makeDevice(kind);
    const { text } = seal(device);
    expect(() => open(device, text, `${device.serial}X`)).toThrow(
      expect.objectContaining({ reason: "decrypt_failed" }),
    );
  });

  it("refuses every single-byte change of the payload", () => {
    const device = makeDevice(kind);
    const { bytes } = seal(device, { ssid: "Home", password: "secret-123" });
    for (let i = 0; i < bytes.length; i++) {
      const tampered = bytes.slice();
      tampered[i]! ^= 0x01;
      expect(() => open(device, reencode(tampered)), `byte ${i}`).toThrow(PairingCryptoError);
    }
  });

  it("refuses a truncated or extended payload", () => {
    const device = makeDevice(kind);
    const { bytes } = seal(device);
    expect(() => open(device, reencode(bytes.slice(0, -1)))).toThrow(PairingCryptoError);
    expect(() => open(device, reencode(Uint8Array.of(...bytes, 0)))).toThrow(PairingCryptoError);
    expect(() => open(device, reencode(bytes.slice(0, 20)))).toThrow(
      expect.objectContaining({ reason: "bad_length" }),
    );
  });
});

describe("QR payload format", () => {
  it("is the prefix and base45 of version, KEM code, enc and ciphertext", () => {
    const device = makeDevice("p256");
    const { text, bytes } = seal(device);
    expect(text.startsWith("OB1:")).toBe(true);
    expect(base45Decode(text.slice(4))).toEqual(bytes);
    const parsed = parseQrPayload(text);
    expect(parsed).toMatchObject({ version: 1, kemAlg: "p256" });
    expect(parsed.enc).toHaveLength(65);
    expect(parsed.enc[0]).toBe(0x04);
  });

  it("names the problem with a foreign text, version or KEM", () => {
    const device = makeDevice("ed25519");
    const { bytes } = seal(device);
    expect(() => parseQrPayload("https://example.com/")).toThrow(
      expect.objectContaining({ reason: "bad_encoding" }),
    );
    expect(() => parseQrPayload(reencode(Uint8Array.of(2, ...bytes.slice(1))))).toThrow(
      expect.objectContaining({ reason: "unsupported_version" }),
    );
    expect(() => parseQrPayload(reencode(Uint8Array.of(1, 0x21, ...bytes.slice(2))))).toThrow(
      expect.objectContaining({ reason: "unsupported_kem" }),
    );
  });

  it("refuses a QR sealed to a P-256 key on an X25519 device, before any DH", () => {
    const { text } = seal(makeDevice("p256"));
    expect(() => open(makeDevice("ed25519"), text)).toThrow(
      expect.objectContaining({ reason: "unsupported_kem" }),
    );
  });

  it("refuses Wi-Fi values the format cannot carry", () => {
    const device = makeDevice("ed25519");
    expect(() => seal(device, { ssid: "", password: "x" })).toThrow(PairingCryptoError);
    expect(() => seal(device, { ssid: "S".repeat(33), password: "" })).toThrow(PairingCryptoError);
    expect(() => seal(device, { ssid: "S", password: "p".repeat(65) })).toThrow(PairingCryptoError);
    expect(() =>
      buildQrPayload({ serial: device.serial, ...device.recipient, qrSecret: new Uint8Array(31) }),
    ).toThrow(PairingCryptoError);
  });
});

describe("QR size budget (docs/pairing-protocol.md §4.4)", () => {
  const budget = [
    { label: "X25519, no Wi-Fi", kind: "ed25519", wifi: undefined, bytes: 82, chars: 127, version: 6 },
    { label: "P-256, no Wi-Fi", kind: "p256", wifi: undefined, bytes: 115, chars: 177, version: 7 },
    { label: "X25519, largest Wi-Fi", kind: "ed25519", wifi: MAX_WIFI, bytes: 180, chars: 274, version: 10 },
    { label: "P-256, largest Wi-Fi", kind: "p256", wifi: MAX_WIFI, bytes: 213, chars: 324, version: 11 },
  ] as const;

  it.each(budget)("$label: $bytes bytes, $chars chars, QR version $version at ECC M", (row) => {
    const { text, bytes } = seal(makeDevice(row.kind), row.wifi);
    expect(bytes).toHaveLength(row.bytes);
    expect(text).toHaveLength(row.chars);
    const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
    expect(qr.version).toBe(row.version);
    // Alphanumeric mode throughout: base45 and the prefix never force byte mode.
    expect(qr.segments.map((segment) => segment.mode.id)).toEqual(["Alphanumeric"]);
  });
});
