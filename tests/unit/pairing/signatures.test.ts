import { p256 } from "@noble/curves/nist.js";
import { describe, expect, it } from "vitest";
import {
  buildSignedMessage,
  signDeviceMessage,
  verifyDeviceSignature,
  type ConnectedDetails,
} from "@/lib/pairing/crypto";
import { DEVICE_KINDS, makeDevice } from "./test-devices";

const NONCE = new Uint8Array(32).fill(7);
const SESSION_ID = new Uint8Array(32).fill(9);
const DETAILS: ConnectedDetails = {
  via: "mqtt_connack",
  client_id: "SN-1",
  elapsed_ms: 812,
  firmware: "1.2.3",
};

function proof(serial: string) {
  return { nonce: NONCE, sessionId: SESSION_ID, serial };
}

describe("signed messages", () => {
  it("frame every field, with one context string per kind", () => {
    const redeem = buildSignedMessage("redeem", proof("S1"));
    const context = new TextEncoder().encode("onboard/pairing/v1/redeem");
    expect(redeem.slice(0, 2 + context.length)).toEqual(Uint8Array.of(0, context.length, ...context));
    expect(redeem).toHaveLength(2 + 25 + 2 + 1 + 2 + 32 + 2 + 32 + 2 + 2);
    expect(buildSignedMessage("ack", proof("S1"))).not.toEqual(redeem);
    const connected = buildSignedMessage("connected", { ...proof("S1"), details: DETAILS });
    expect(connected.slice(-(2 + 5))).toEqual(Uint8Array.of(0, 5, ...new TextEncoder().encode("1.2.3")));
  });

  it("are unambiguous: moving a byte between serial and details changes the bytes", () => {
    const a = buildSignedMessage("connected", { ...proof("S1"), details: { ...DETAILS, client_id: "ab" } });
    const b = buildSignedMessage("connected", { ...proof("S1a"), details: { ...DETAILS, client_id: "b" } });
    expect(a).not.toEqual(b);
  });

  it("refuse wrong-sized nonces and session ids, and bad connected details", () => {
    expect(() => buildSignedMessage("redeem", { ...proof("S1"), nonce: new Uint8Array(31) })).toThrow();
    expect(() => buildSignedMessage("ack", { ...proof("S1"), sessionId: new Uint8Array(33) })).toThrow();
    const bad = [
      { ...DETAILS, via: "carrier_pigeon" },
      { ...DETAILS, client_id: "x".repeat(33) },
      { ...DETAILS, elapsed_ms: -1 },
      { ...DETAILS, elapsed_ms: 1.5 },
      { ...DETAILS, extra: true },
    ];
    for (const details of bad) {
      expect(() =>
        buildSignedMessage("connected", { ...proof("S1"), details: details as ConnectedDetails }),
      ).toThrow();
    }
  });
});

describe.each(DEVICE_KINDS)("device signatures for a %s device", (kind) => {
  const device = makeDevice(kind);
  const message = buildSignedMessage("redeem", proof(device.serial));
  const signature = signDeviceMessage(device.alg, device.secretKey, message);

  it("verify, and are 64 bytes", () => {
    expect(signature).toHaveLength(64);
    expect(verifyDeviceSignature(device.alg, device.publicKey, message, signature)).toBe(true);
  });

  it("fail for a changed message, serial, signature, or another device's key", () => {
    const tamperedMessage = message.slice();
    tamperedMessage[40]! ^= 1;
    const tamperedSignature = signature.slice();
    tamperedSignature[10]! ^= 1;
    const otherSerial = buildSignedMessage("redeem", proof(`${device.serial}0`));
    const ack = buildSignedMessage("ack", proof(device.serial));
    const other = makeDevice(kind);
    expect(verifyDeviceSignature(device.alg, device.publicKey, tamperedMessage, signature)).toBe(false);
    expect(verifyDeviceSignature(device.alg, device.publicKey, otherSerial, signature)).toBe(false);
    expect(verifyDeviceSignature(device.alg, device.publicKey, ack, signature)).toBe(false);
    expect(verifyDeviceSignature(device.alg, device.publicKey, message, tamperedSignature)).toBe(false);
    expect(verifyDeviceSignature(device.alg, other.publicKey, message, signature)).toBe(false);
  });

  it("return false, never throw, for malformed keys and signatures", () => {
    const junk = [new Uint8Array(0), new Uint8Array(63), new Uint8Array(64), new Uint8Array(65).fill(0xff)];
    for (const bytes of junk) {
      expect(verifyDeviceSignature(device.alg, device.publicKey, message, bytes)).toBe(false);
      expect(verifyDeviceSignature(device.alg, bytes, message, signature)).toBe(false);
    }
  });
});

describe("ECDSA P-256 specifics", () => {
  const device = makeDevice("p256");
  const message = buildSignedMessage("ack", proof(device.serial));

  it("accepts the high-S twin of a valid signature (secure elements emit either)", () => {
    const low = p256.Signature.fromBytes(signDeviceMessage("p256", device.secretKey, message));
    expect(low.hasHighS()).toBe(false);
    const high = new p256.Signature(low.r, p256.Point.Fn.ORDER - low.s).toBytes("compact");
    expect(verifyDeviceSignature("p256", device.publicKey, message, high)).toBe(true);
  });

  it("signs SHA-256 of the message (interoperable with any ECDSA-SHA256 signer)", () => {
    const external = p256.sign(message, device.secretKey, { lowS: false, extraEntropy: true });
    expect(verifyDeviceSignature("p256", device.publicKey, message, external)).toBe(true);
  });

  it("refuses a compressed public key (the registry stores 65-byte uncompressed keys)", () => {
    const signature = signDeviceMessage("p256", device.secretKey, message);
    const compressed = p256.getPublicKey(device.secretKey, true);
    expect(verifyDeviceSignature("p256", compressed, message, signature)).toBe(false);
  });
});
