import fs from "node:fs";
import path from "node:path";

/** docs/pairing-test-vectors.json, typed as far as the simulator's tests read it. */
export interface VectorCase {
  name: string;
  device: {
    serial: string;
    alg: "ed25519" | "p256";
    secret_key_hex: string;
    public_key_hex: string;
    kem_alg: "x25519" | "p256" | null;
    kem_secret_key_hex: string | null;
    kem_public_key_b64url: string | null;
    recipient_kem_alg: "x25519" | "p256";
    recipient_secret_key_hex: string;
    recipient_public_key_hex: string;
  };
  session: {
    qr_secret_hex: string;
    session_token_hex: string;
    session_token_b64url: string;
    session_id_hex: string;
    bundle_key_hex: string;
  };
  qr: {
    wifi: { ssid: string; password: string } | null;
    hpke_info_hex: string;
    hpke_aad_hex: string;
    hpke_shared_secret_hex: string;
    hpke_key_hex: string;
    hpke_base_nonce_hex: string;
    enc_hex: string;
    hpke_ciphertext_hex: string;
    payload_bytes_hex: string;
    payload_text: string;
  };
  hello: { request: object; response: { nonce: string; expires_at: string } };
  server_nonce_hex: string;
  redeem: {
    signed_bytes_hex: string;
    signature_hex: string;
    request: object;
    response: { bundle: { nonce: string; ciphertext: string } };
  };
  bundle: { plaintext_json: string; aad_hex: string; nonce_hex: string; ciphertext_hex: string };
  ack: { signed_bytes_hex: string; signature_hex: string; request: object };
  connected: {
    signed_bytes_hex: string;
    signature_hex: string;
    request: {
      details: {
        via: "mqtt_connack" | "event_accepted";
        client_id: string;
        elapsed_ms: number;
        firmware: string;
      };
    };
  };
}

export const VECTORS: VectorCase[] = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, "../../../docs/pairing-test-vectors.json"), "utf8"),
).cases;

export const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
export const fromHex = (text: string) => new Uint8Array(Buffer.from(text, "hex"));
export const b64url = (text: string) => Buffer.from(text, "hex").toString("base64url");

/** The key-file line `devices generate` would write for a vector device. */
export function keyLineOf(vector: VectorCase) {
  const d = vector.device;
  return {
    serial: d.serial,
    alg: d.alg,
    signing_private_key: b64url(d.secret_key_hex),
    signing_public_key: b64url(d.public_key_hex),
    ...(d.kem_alg && d.kem_secret_key_hex
      ? {
          kem_alg: d.kem_alg,
          kem_private_key: b64url(d.kem_secret_key_hex),
          kem_public_key: d.kem_public_key_b64url ?? undefined,
        }
      : {}),
  };
}
