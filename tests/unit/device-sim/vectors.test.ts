import { describe, expect, it } from "vitest";
import { base64urlDecode } from "@/lib/device-sim/bytes";
import { bundleAad, decryptBundleBytes, parseBundle } from "@/lib/device-sim/bundle";
import { parseDeviceKeys, recipientKeyOf, signBytes } from "@/lib/device-sim/device-keys";
import { hpkeDecap, hpkeKeySchedule } from "@/lib/device-sim/hpke-open";
import { openQrPayload, parseQrText, qrSealInfo } from "@/lib/device-sim/qr-payload";
import { deriveSessionSecrets } from "@/lib/device-sim/session-secrets";
import { signedBytes } from "@/lib/device-sim/signed-bytes";
import { fromHex, hex, keyLineOf, VECTORS } from "./vectors";

describe.each(VECTORS)("test vector: $name", (vector) => {
  const keys = parseDeviceKeys(keyLineOf(vector));
  const recipient = recipientKeyOf(keys);
  const qrSecret = fromHex(vector.session.qr_secret_hex);
  const secrets = deriveSessionSecrets(qrSecret);
  const serverNonce = base64urlDecode(vector.hello.response.nonce, 32);
  const fields = { nonce: serverNonce, sessionId: secrets.sessionId, serial: keys.serial };

  it("derives the recipient key of §3.1 from the factory keys", () => {
    expect(recipient.kemAlg).toBe(vector.device.recipient_kem_alg);
    expect(hex(recipient.secretKey)).toBe(vector.device.recipient_secret_key_hex);
    expect(hex(recipient.publicKey)).toBe(vector.device.recipient_public_key_hex);
  });

  it("parses the QR text into the payload bytes", () => {
    const payload = parseQrText(vector.qr.payload_text, recipient.kemAlg);
    expect(hex(payload.header)).toBe(vector.qr.hpke_aad_hex);
    expect(hex(payload.enc)).toBe(vector.qr.enc_hex);
    expect(hex(payload.ciphertext)).toBe(vector.qr.hpke_ciphertext_hex);
    expect(hex(payload.header) + hex(payload.enc) + hex(payload.ciphertext)).toBe(
      vector.qr.payload_bytes_hex,
    );
  });

  it("reproduces every HPKE value and opens the sealed QR secret (and Wi-Fi)", () => {
    const payload = parseQrText(vector.qr.payload_text, recipient.kemAlg);
    const info = qrSealInfo(keys.serial);
    expect(hex(info)).toBe(vector.qr.hpke_info_hex);
    const sharedSecret = hpkeDecap(recipient, payload.enc);
    expect(hex(sharedSecret)).toBe(vector.qr.hpke_shared_secret_hex);
    const schedule = hpkeKeySchedule(recipient.kemAlg, sharedSecret, info);
    expect(hex(schedule.key)).toBe(vector.qr.hpke_key_hex);
    expect(hex(schedule.baseNonce)).toBe(vector.qr.hpke_base_nonce_hex);
    const opened = openQrPayload(payload, recipient, keys.serial);
    expect(hex(opened.qrSecret)).toBe(vector.session.qr_secret_hex);
    expect(opened.wifi ?? null).toEqual(vector.qr.wifi);
  });

  it("derives the session token, session id and bundle key of §3.2", () => {
    expect(hex(secrets.sessionToken)).toBe(vector.session.session_token_hex);
    expect(secrets.session).toBe(vector.session.session_token_b64url);
    expect(hex(secrets.sessionId)).toBe(vector.session.session_id_hex);
    expect(hex(secrets.bundleKey)).toBe(vector.session.bundle_key_hex);
    expect(hex(serverNonce)).toBe(vector.server_nonce_hex);
  });

  it("builds byte-identical signed bytes and signatures for redeem, ack and connected", () => {
    const redeem = signedBytes("redeem", fields);
    const ack = signedBytes("ack", fields);
    const connected = signedBytes("connected", fields, vector.connected.request.details);
    expect(hex(redeem)).toBe(vector.redeem.signed_bytes_hex);
    expect(hex(ack)).toBe(vector.ack.signed_bytes_hex);
    expect(hex(connected)).toBe(vector.connected.signed_bytes_hex);
    expect(hex(signBytes(keys, redeem))).toBe(vector.redeem.signature_hex);
    expect(hex(signBytes(keys, ack))).toBe(vector.ack.signature_hex);
    expect(hex(signBytes(keys, connected))).toBe(vector.connected.signature_hex);
  });

  it("decrypts the bundle of the redeem answer to the stated plaintext, which validates", () => {
    expect(hex(bundleAad(secrets.sessionId, keys.serial))).toBe(vector.bundle.aad_hex);
    const nonce = base64urlDecode(vector.redeem.response.bundle.nonce, 12);
    const ciphertext = base64urlDecode(vector.redeem.response.bundle.ciphertext);
    expect(hex(nonce)).toBe(vector.bundle.nonce_hex);
    expect(hex(ciphertext)).toBe(vector.bundle.ciphertext_hex);
    const plaintext = decryptBundleBytes({ ...secrets, serial: keys.serial, nonce, ciphertext });
    expect(new TextDecoder().decode(plaintext)).toBe(vector.bundle.plaintext_json);
    expect(parseBundle(plaintext, keys.serial)).toEqual(JSON.parse(vector.bundle.plaintext_json));
  });
});
