/**
 * Regenerates docs/pairing-test-vectors.json from fixed inputs, deterministically: fixed keys, QR secrets, HPKE
 * ephemeral keys, server nonces and bundle nonces; Ed25519 and RFC 6979 ECDSA are deterministic.
 *   npm run pairing:vectors            rewrite the file
 *   npm run pairing:vectors -- --check exit 1 if the file differs from what the code produces now
 * It also rewrites the vectors block of docs/pairing-protocol.md (between its markers) from the same data.
 * tests/unit/pairing/vectors.test.ts checks the committed file against the real code.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import prettier from "prettier";
import { ed25519, x25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64urlEncode, bytesToHex, utf8 } from "@/lib/pairing/crypto/bytes";
import { bundleAad, encryptBundle } from "@/lib/pairing/crypto/bundle-cipher";
import { buildCredentialBundle } from "@/lib/pairing/crypto/credential-bundle";
import {
  recipientPublicKey,
  recipientSecretKey,
  type DeviceSecretKeys,
} from "@/lib/pairing/crypto/device-keys";
import { setupBaseSender } from "@/lib/pairing/crypto/hpke";
import { DHKEMS } from "@/lib/pairing/crypto/kem";
import {
  buildQrPayload,
  parseQrPayload,
  qrSealInfo,
  type WifiCredentials,
} from "@/lib/pairing/crypto/qr-payload";
import { deriveSessionSecrets } from "@/lib/pairing/crypto/session-secrets";
import {
  buildSignedMessage,
  signDeviceMessage,
  type ConnectedDetails,
} from "@/lib/pairing/crypto/signed-message";
import { PROTOCOL_VERSION, TIMING, type KemAlg, type SigningAlg } from "@/lib/pairing/protocol";

export const VECTORS_PATH = path.join(import.meta.dirname, "..", "docs", "pairing-test-vectors.json");

/** Every fixed input is SHA-256 of a label, so the inputs are reproducible and obviously not chosen. */
const fixed = (label: string) => sha256(utf8(`onboard pairing test vector/${label}`));
const hex = bytesToHex;
const HELLO_AT = new Date("2026-01-01T12:00:00.000Z");

interface CaseSpec {
  name: string;
  serial: string;
  alg: SigningAlg;
  kemAlg?: KemAlg;
  wifi?: WifiCredentials;
}

const CASES: CaseSpec[] = [
  { name: "ed25519 signing key, sealed to its X25519 form, no Wi-Fi", serial: "OB-ED-0001", alg: "ed25519" },
  {
    name: "p256 signing key, sealed to itself, with Wi-Fi",
    serial: "OB-P256-0002",
    alg: "p256",
    wifi: { ssid: "Home Network", password: "correct horse battery" },
  },
  {
    name: "ed25519 signing key with a separate x25519 encryption key, with an open Wi-Fi network",
    serial: "ACME.EDX.0003",
    alg: "ed25519",
    kemAlg: "x25519",
    wifi: { ssid: "Café Guest", password: "" },
  },
];

function publicKeyOf(alg: SigningAlg, secretKey: Uint8Array): Uint8Array {
  return alg === "ed25519" ? ed25519.getPublicKey(secretKey) : p256.getPublicKey(secretKey, false);
}

function buildCase(spec: CaseSpec) {
  const label = (what: string) => fixed(`${spec.serial}/${what}`);
  const secretKey = label("signing-key");
  const kemSecretKey = spec.kemAlg ? label("encryption-key") : undefined;
  const deviceSecrets: DeviceSecretKeys = { alg: spec.alg, secretKey, kemAlg: spec.kemAlg, kemSecretKey };
  const publicKey = publicKeyOf(spec.alg, secretKey);
  const kemPublicKey = kemSecretKey ? x25519.getPublicKey(kemSecretKey) : undefined;
  const recipient = recipientPublicKey({ alg: spec.alg, publicKey, kemAlg: spec.kemAlg, kemPublicKey });
  const recipientSecret = recipientSecretKey(deviceSecrets);

  const qrSecret = label("qr-secret");
  const session = deriveSessionSecrets(qrSecret);
  const ephemeralSecretKey = label("hpke-ephemeral-key");
  const qr = buildQrPayload({
    serial: spec.serial,
    ...recipient,
    qrSecret,
    wifi: spec.wifi,
    ephemeralSecretKey,
  });
  const parsed = parseQrPayload(qr.text);
  const hpkeContext = setupBaseSender(
    DHKEMS[recipient.kemAlg],
    recipient.kemPublicKey,
    qrSealInfo(spec.serial),
    ephemeralSecretKey,
  );

  const serverNonce = label("server-nonce");
  const proof = { nonce: serverNonce, sessionId: session.sessionId, serial: spec.serial };
  const sessionFields = {
    v: PROTOCOL_VERSION,
    session: base64urlEncode(session.sessionToken),
    serial: spec.serial,
  };
  const signed = (message: Uint8Array) => {
    const signature = signDeviceMessage(spec.alg, secretKey, message);
    return { signed_bytes_hex: hex(message), signature_hex: hex(signature), signature };
  };
  const redeem = signed(buildSignedMessage("redeem", proof));
  const ack = signed(buildSignedMessage("ack", proof));

  const bundle = buildCredentialBundle({
    serial: spec.serial,
    loginId: `vector-user-${spec.serial.toLowerCase()}`,
    password: "Correct-Horse-9",
    apiKey: "DEVICEAPIKEY0123456789ABCDEF",
    restBaseUrl: "https://api.mediumone.com/v2/",
    projectMqttId: "7T3kxm_Rdf4",
    userMqttId: "y9s1ZTasZs8",
    mqtt: { host: "mqtt.mediumone.com", port: 61620, tls: true },
  });
  const encrypted = encryptBundle({
    ...session,
    serial: spec.serial,
    bundle,
    nonce: label("bundle-nonce").slice(0, 12),
  });
  const details: ConnectedDetails = {
    via: "mqtt_connack",
    client_id: bundle.mqtt.client_id,
    elapsed_ms: 1534,
    firmware: "vector-fw 1.0.0",
  };
  const connected = signed(buildSignedMessage("connected", { ...proof, details }));
  const nonceB64 = base64urlEncode(serverNonce);

  return {
    name: spec.name,
    device: {
      serial: spec.serial,
      alg: spec.alg,
      secret_key_hex: hex(secretKey),
      public_key_hex: hex(publicKey),
      public_key_b64url: base64urlEncode(publicKey),
      kem_alg: spec.kemAlg ?? null,
      kem_secret_key_hex: kemSecretKey ? hex(kemSecretKey) : null,
      kem_public_key_b64url: kemPublicKey ? base64urlEncode(kemPublicKey) : null,
      recipient_kem_alg: recipient.kemAlg,
      recipient_secret_key_hex: hex(recipientSecret.kemSecretKey),
      recipient_public_key_hex: hex(recipient.kemPublicKey),
    },
    session: {
      qr_secret_hex: hex(qrSecret),
      session_token_hex: hex(session.sessionToken),
      session_token_b64url: base64urlEncode(session.sessionToken),
      session_id_hex: hex(session.sessionId),
      bundle_key_hex: hex(session.bundleKey),
    },
    qr: {
      wifi: spec.wifi ?? null,
      hpke_ephemeral_secret_key_hex: hex(ephemeralSecretKey),
      hpke_info_hex: hex(qrSealInfo(spec.serial)),
      hpke_aad_hex: hex(parsed.header),
      hpke_shared_secret_hex: hex(hpkeContext.sharedSecret),
      hpke_key_hex: hex(hpkeContext.key),
      hpke_base_nonce_hex: hex(hpkeContext.baseNonce),
      enc_hex: hex(parsed.enc),
      hpke_ciphertext_hex: hex(parsed.ciphertext),
      payload_bytes_hex: hex(qr.bytes),
      payload_bytes_length: qr.bytes.length,
      payload_text: qr.text,
      payload_text_length: qr.text.length,
    },
    hello: {
      request: sessionFields,
      response: {
        nonce: nonceB64,
        expires_at: new Date(HELLO_AT.getTime() + TIMING.helloNonceLifetimeMs).toISOString(),
      },
    },
    server_nonce_hex: hex(serverNonce),
    redeem: {
      signed_bytes_hex: redeem.signed_bytes_hex,
      signature_hex: redeem.signature_hex,
      request: { ...sessionFields, nonce: nonceB64, signature: base64urlEncode(redeem.signature) },
      response: {
        bundle: {
          nonce: base64urlEncode(encrypted.nonce),
          ciphertext: base64urlEncode(encrypted.ciphertext),
        },
      },
    },
    bundle: {
      plaintext_json: JSON.stringify(bundle),
      aad_hex: hex(bundleAad(session.sessionId, spec.serial)),
      nonce_hex: hex(encrypted.nonce),
      ciphertext_hex: hex(encrypted.ciphertext),
    },
    ack: {
      signed_bytes_hex: ack.signed_bytes_hex,
      signature_hex: ack.signature_hex,
      request: { ...sessionFields, nonce: nonceB64, signature: base64urlEncode(ack.signature) },
    },
    connected: {
      signed_bytes_hex: connected.signed_bytes_hex,
      signature_hex: connected.signature_hex,
      request: {
        ...sessionFields,
        nonce: nonceB64,
        signature: base64urlEncode(connected.signature),
        details,
      },
    },
  };
}

export function buildPairingVectors() {
  return {
    description:
      "Onboard pairing protocol v1 test vectors (docs/pairing-protocol.md §11). Generated by scripts/pairing-vectors.ts; do not edit by hand.",
    protocol_version: PROTOCOL_VERSION,
    fixed_inputs:
      "every *_secret_key, qr_secret, ephemeral key and nonce is SHA-256('onboard pairing test vector/<serial>/<what>'); the bundle nonce is the first 12 bytes of its hash",
    cases: CASES.map(buildCase),
  };
}

export function renderPairingVectors(): string {
  return `${JSON.stringify(buildPairingVectors(), null, 2)}\n`;
}

export const DOC_PATH = path.join(import.meta.dirname, "..", "docs", "pairing-protocol.md");
const DOC_BEGIN = "<!-- pairing-vectors:begin (generated by npm run pairing:vectors) -->";
const DOC_END = "<!-- pairing-vectors:end -->";

/** The vectors as the doc shows them: every value a firmware team compares against, in the order it computes them. */
function renderVectorsMarkdown(): string {
  const rows = (entries: [string, unknown][]) =>
    entries.map(([name, value]) => `- ${name}: \`${String(value)}\``).join("\n");
  return buildPairingVectors()
    .cases.map((c) => {
      const wifi = c.qr.wifi ? `ssid \`${c.qr.wifi.ssid}\`, password \`${c.qr.wifi.password}\`` : "none";
      return [
        `#### ${c.name}`,
        "",
        rows([
          ["serial", c.device.serial],
          ["alg", c.device.alg],
          ["signing secret key (hex)", c.device.secret_key_hex],
          ["signing public key (hex)", c.device.public_key_hex],
          ["kem_alg (registry)", c.device.kem_alg ?? "none"],
          ["encryption secret key (hex)", c.device.kem_secret_key_hex ?? "none"],
          ["recipient KEM", c.device.recipient_kem_alg],
          ["recipient secret key (hex)", c.device.recipient_secret_key_hex],
          ["recipient public key (hex)", c.device.recipient_public_key_hex],
          ["qr_secret (hex)", c.session.qr_secret_hex],
          ["session_token (hex)", c.session.session_token_hex],
          ["session (base64url)", c.session.session_token_b64url],
          ["session_id (hex)", c.session.session_id_hex],
          ["bundle_key (hex)", c.session.bundle_key_hex],
          ["Wi-Fi", wifi],
          ["HPKE ephemeral secret key (hex)", c.qr.hpke_ephemeral_secret_key_hex],
          ["HPKE info (hex)", c.qr.hpke_info_hex],
          ["HPKE aad (hex)", c.qr.hpke_aad_hex],
          ["HPKE shared_secret (hex)", c.qr.hpke_shared_secret_hex],
          ["HPKE key (hex)", c.qr.hpke_key_hex],
          ["HPKE base_nonce (hex)", c.qr.hpke_base_nonce_hex],
          ["enc (hex)", c.qr.enc_hex],
          ["HPKE ciphertext (hex)", c.qr.hpke_ciphertext_hex],
          [`payload bytes (hex, ${c.qr.payload_bytes_length} bytes)`, c.qr.payload_bytes_hex],
          [`QR text (${c.qr.payload_text_length} chars)`, c.qr.payload_text],
          ["server nonce (hex)", c.server_nonce_hex],
          ["redeem signed bytes (hex)", c.redeem.signed_bytes_hex],
          ["redeem signature (hex)", c.redeem.signature_hex],
          ["bundle aad (hex)", c.bundle.aad_hex],
          ["bundle nonce (hex)", c.bundle.nonce_hex],
          ["bundle ciphertext (hex)", c.bundle.ciphertext_hex],
          ["ack signed bytes (hex)", c.ack.signed_bytes_hex],
          ["ack signature (hex)", c.ack.signature_hex],
          ["connected signed bytes (hex)", c.connected.signed_bytes_hex],
          ["connected signature (hex)", c.connected.signature_hex],
        ]),
        "",
        "Bundle plaintext (UTF-8 JSON, exactly these bytes, one line):",
        "",
        "```text",
        c.bundle.plaintext_json,
        "```",
        "",
        "Requests (`redeem` answers with the bundle object shown):",
        "",
        "```json",
        JSON.stringify(
          {
            hello: c.hello,
            redeem: { request: c.redeem.request, response: c.redeem.response },
            ack: c.ack.request,
            connected: c.connected.request,
          },
          null,
          2,
        ),
        "```",
      ].join("\n");
    })
    .join("\n\n");
}

/** The doc with its vectors block replaced by the current one, formatted as `npm run format` would. */
export async function renderProtocolDoc(currentDoc: string): Promise<string> {
  const begin = currentDoc.indexOf(DOC_BEGIN);
  const end = currentDoc.indexOf(DOC_END);
  if (begin < 0 || end < begin) throw new Error(`${DOC_PATH} lacks the vectors markers`);
  const doc = `${currentDoc.slice(0, begin + DOC_BEGIN.length)}\n\n${renderVectorsMarkdown()}\n\n${currentDoc.slice(end)}`;
  const options = await prettier.resolveConfig(DOC_PATH);
  return prettier.format(doc, { ...options, filepath: DOC_PATH });
}

async function main(): Promise<void> {
  const currentDoc = readFileSync(DOC_PATH, "utf8");
  const outputs = [
    { file: VECTORS_PATH, rendered: renderPairingVectors() },
    { file: DOC_PATH, rendered: await renderProtocolDoc(currentDoc) },
  ];
  if (process.argv.includes("--check")) {
    const stale = outputs.filter(({ file, rendered }) => readFileSync(file, "utf8") !== rendered);
    for (const { file } of stale) console.error(`${file} is out of date: run npm run pairing:vectors`);
    process.exitCode = stale.length > 0 ? 1 : 0;
    if (stale.length === 0) console.log("pairing test vectors are up to date");
    return;
  }
  for (const { file, rendered } of outputs) {
    writeFileSync(file, rendered);
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
