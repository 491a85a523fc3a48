import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  base64urlDecode,
  base64urlEncode,
  buildSignedMessage,
  decryptBundle,
  deriveSessionSecrets,
  openQrPayload,
  recipientSecretKey,
  signDeviceMessage,
  verifyDeviceSignature,
  type ConnectedDetails,
} from "@/lib/pairing/crypto";
import { bytesToHex, hexToBytes } from "@/lib/pairing/crypto/bytes";
import type { KemAlg, SigningAlg } from "@/lib/pairing/protocol";
import { DOC_PATH, VECTORS_PATH, renderPairingVectors, renderProtocolDoc } from "@/scripts/pairing-vectors";

const committed = readFileSync(VECTORS_PATH, "utf8");

interface VectorCase {
  name: string;
  device: {
    serial: string;
    alg: SigningAlg;
    secret_key_hex: string;
    public_key_hex: string;
    kem_alg: KemAlg | null;
    kem_secret_key_hex: string | null;
    recipient_kem_alg: KemAlg;
    recipient_secret_key_hex: string;
  };
  session: Record<"qr_secret_hex" | "session_token_b64url" | "session_id_hex" | "bundle_key_hex", string>;
  qr: { wifi: { ssid: string; password: string } | null; payload_text: string };
  server_nonce_hex: string;
  redeem: { signed_bytes_hex: string; signature_hex: string; response: { bundle: Record<string, string> } };
  bundle: { plaintext_json: string; ciphertext_hex: string };
  ack: { signed_bytes_hex: string; signature_hex: string };
  connected: {
    signed_bytes_hex: string;
    signature_hex: string;
    request: { details: ConnectedDetails };
  };
}
const cases = (JSON.parse(committed) as { cases: VectorCase[] }).cases;

describe("pairing test vectors", () => {
  it("the committed file is exactly what the code produces", () => {
    expect(renderPairingVectors()).toBe(committed);
  });

  it("the doc shows exactly these vectors", async () => {
    const doc = readFileSync(DOC_PATH, "utf8");
    expect(await renderProtocolDoc(doc)).toBe(doc);
    for (const vector of cases) {
      expect(doc).toContain(vector.qr.payload_text);
      expect(doc).toContain(vector.redeem.signature_hex);
      expect(doc).toContain(vector.bundle.ciphertext_hex);
    }
  });

  it("covers Ed25519, P-256 and a separate X25519 encryption key", () => {
    expect(cases.map((c) => [c.device.alg, c.device.kem_alg])).toEqual([
      ["ed25519", null],
      ["p256", null],
      ["ed25519", "x25519"],
    ]);
  });

  // The device side, from the file's values alone: what a firmware team checks its own code against.
  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, vector) => {
    const serial = vector.device.serial;
    const secrets = deriveSessionSecrets(hexToBytes(vector.session.qr_secret_hex));
    const nonce = hexToBytes(vector.server_nonce_hex);
    const proof = { nonce, sessionId: secrets.sessionId, serial };
    const publicKey = hexToBytes(vector.device.public_key_hex);

    it("derives the session token, session id and bundle key", () => {
      expect(base64urlEncode(secrets.sessionToken)).toBe(vector.session.session_token_b64url);
      expect(bytesToHex(secrets.sessionId)).toBe(vector.session.session_id_hex);
      expect(bytesToHex(secrets.bundleKey)).toBe(vector.session.bundle_key_hex);
    });

    it("opens the QR payload text with the device's key", () => {
      const recipient = recipientSecretKey({
        alg: vector.device.alg,
        secretKey: hexToBytes(vector.device.secret_key_hex),
        kemAlg: vector.device.kem_alg ?? undefined,
        kemSecretKey: vector.device.kem_secret_key_hex
          ? hexToBytes(vector.device.kem_secret_key_hex)
          : undefined,
      });
      expect(recipient.kemAlg).toBe(vector.device.recipient_kem_alg);
      expect(bytesToHex(recipient.kemSecretKey)).toBe(vector.device.recipient_secret_key_hex);
      const opened = openQrPayload({ text: vector.qr.payload_text, serial, ...recipient });
      expect(bytesToHex(opened.qrSecret)).toBe(vector.session.qr_secret_hex);
      expect(opened.wifi ?? null).toEqual(vector.qr.wifi);
    });

    it("rebuilds the signed bytes and signatures, and the signatures verify", () => {
      const messages = {
        redeem: buildSignedMessage("redeem", proof),
        ack: buildSignedMessage("ack", proof),
        connected: buildSignedMessage("connected", { ...proof, details: vector.connected.request.details }),
      };
      for (const kind of ["redeem", "ack", "connected"] as const) {
        const expected = vector[kind];
        expect(bytesToHex(messages[kind])).toBe(expected.signed_bytes_hex);
        const signature = signDeviceMessage(
          vector.device.alg,
          hexToBytes(vector.device.secret_key_hex),
          messages[kind],
        );
        expect(bytesToHex(signature)).toBe(expected.signature_hex);
        expect(
          verifyDeviceSignature(
            vector.device.alg,
            publicKey,
            messages[kind],
            hexToBytes(expected.signature_hex),
          ),
        ).toBe(true);
      }
    });

    it("decrypts the redeem response's bundle to the plaintext", () => {
      const bundle = decryptBundle({
        ...secrets,
        serial,
        nonce: base64urlDecode(vector.redeem.response.bundle.nonce ?? ""),
        ciphertext: base64urlDecode(vector.redeem.response.bundle.ciphertext ?? ""),
      });
      expect(JSON.stringify(bundle)).toBe(vector.bundle.plaintext_json);
    });
  });
});
