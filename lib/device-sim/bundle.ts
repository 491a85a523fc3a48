import { gcm } from "@noble/ciphers/aes.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { z } from "zod";
import { base64urlEncode, concatBytes, lengthPrefixed, utf8 } from "./bytes";
import { BUNDLE_AAD_CONTEXT, LENGTHS, PROTOCOL_VERSION } from "./constants";
import { DeviceCryptoError } from "./errors";

const MQTT_DEVICE_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * §7.2. Objects are not strict: a device MUST ignore fields it does not know. `mqtt` is optional here so a
 * REST-only bundle still validates; the MQTT connect step refuses a bundle without it.
 */
export const credentialBundleSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  login_id: z.string().min(1),
  password: z.string().min(1),
  api_key: z.string().min(1),
  rest_base_url: z.url({ protocol: /^https?$/ }).endsWith("/"),
  device_id: z.string().regex(MQTT_DEVICE_ID),
  mqtt: z
    .object({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
      tls: z.boolean(),
      username: z.string().min(1),
      password: z.string().min(1),
      client_id: z.string().min(1).max(32),
      publish_topic: z.string().min(1),
      subscribe_topics: z.array(z.string().min(1)),
    })
    .optional(),
});
export type CredentialBundle = z.infer<typeof credentialBundleSchema>;

/** §7.2 `device_id`: the serial when it is a valid MQTT id, else 22 characters of base64url(SHA-256(serial)). */
export function expectedDeviceId(serial: string): string {
  return MQTT_DEVICE_ID.test(serial) ? serial : base64urlEncode(sha256(utf8(serial))).slice(0, 22);
}

/** §7.1 aad: LP(context) || LP(session_id) || LP(serial). */
export const bundleAad = (sessionId: Uint8Array, serial: string) =>
  concatBytes(
    lengthPrefixed(utf8(BUNDLE_AAD_CONTEXT)),
    lengthPrefixed(sessionId),
    lengthPrefixed(utf8(serial)),
  );

export function decryptBundleBytes(input: {
  bundleKey: Uint8Array;
  sessionId: Uint8Array;
  serial: string;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}): Uint8Array {
  if (input.ciphertext.length > LENGTHS.maxBundleCiphertext)
    throw new DeviceCryptoError("the bundle is too large");
  try {
    return gcm(input.bundleKey, input.nonce, bundleAad(input.sessionId, input.serial)).decrypt(
      input.ciphertext,
    );
  } catch {
    throw new DeviceCryptoError(
      "the bundle did not authenticate (broken or not for this session and device)",
    );
  }
}

/** Parses and checks the plaintext; issues name fields only, never their (secret) values. */
export function parseBundle(plaintext: Uint8Array, serial: string): CredentialBundle {
  if (plaintext.length > LENGTHS.maxBundlePlaintext)
    throw new DeviceCryptoError("the bundle plaintext is too large");
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plaintext));
  } catch {
    throw new DeviceCryptoError("the bundle plaintext is not UTF-8 JSON");
  }
  const parsed = credentialBundleSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(root)"))];
    throw new DeviceCryptoError(`the bundle is not valid: ${fields.join(", ")}`);
  }
  const bundle = parsed.data;
  if (bundle.device_id !== expectedDeviceId(serial)) {
    throw new DeviceCryptoError("the bundle's device_id does not belong to this serial");
  }
  if (bundle.mqtt && bundle.mqtt.client_id !== bundle.device_id) {
    throw new DeviceCryptoError("the bundle's mqtt.client_id is not its device_id");
  }
  return bundle;
}
