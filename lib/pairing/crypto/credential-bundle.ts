/**
 * The credential bundle: what a device needs to talk to Medium One as its consumer's user, and the MQTT
 * identity conventions of docs/pairing-protocol.md §7 (Medium One: client id ≤ 32 chars; topic levels without
 * "/", "+", "#"). Devices ignore unknown fields, so later versions may add some without a new `v`.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { z } from "zod";
import { LIMITS } from "../protocol";
import { base64urlEncode, utf8 } from "./bytes";

const MQTT_ID = /^[A-Za-z0-9_-]{1,32}$/;
const topicLevel = z.string().regex(/^[^/+#\u0000-\u001f]+$/);

export const credentialBundleSchema = z.object({
  v: z.literal(1),
  login_id: z.string().min(1),
  password: z.string().min(1),
  api_key: z.string().min(1),
  /** Medium One REST base ending in "/", e.g. https://api.mediumone.com/v2/ (the device appends "login"). */
  rest_base_url: z.url({ protocol: /^https?$/ }).refine((url) => url.endsWith("/"), "ends with /"),
  device_id: z.string().regex(MQTT_ID),
  mqtt: z.object({
    host: z.string().min(1),
    port: z.int().min(1).max(65535),
    tls: z.boolean(),
    username: z.string().min(3),
    password: z.string().min(3),
    client_id: z.string().min(1).max(LIMITS.mqttClientIdMaxChars),
    publish_topic: z.string().min(1),
    subscribe_topics: z.array(z.string().min(1)),
  }),
});
export type CredentialBundle = z.infer<typeof credentialBundleSchema>;

/**
 * The Medium One device id for a serial: the serial itself when it is a safe id, else 22 base64url characters of
 * SHA-256(serial). The MQTT client id is the same string (unique per device, never over 32 characters).
 */
export function mqttDeviceIdFor(serial: string): string {
  return MQTT_ID.test(serial) ? serial : base64urlEncode(sha256(utf8(serial))).slice(0, 22);
}

export interface CredentialBundleInput {
  serial: string;
  loginId: string;
  password: string;
  /** The device API key (not the server's). */
  apiKey: string;
  restBaseUrl: string;
  projectMqttId: string;
  userMqttId: string;
  mqtt: { host: string; port: number; tls: boolean };
}

export function buildCredentialBundle(input: CredentialBundleInput): CredentialBundle {
  const project = topicLevel.parse(input.projectMqttId);
  const user = topicLevel.parse(input.userMqttId);
  const deviceId = mqttDeviceIdFor(input.serial);
  return credentialBundleSchema.parse({
    v: 1,
    login_id: input.loginId,
    password: input.password,
    api_key: input.apiKey,
    rest_base_url: input.restBaseUrl,
    device_id: deviceId,
    mqtt: {
      ...input.mqtt,
      username: `${project}/${user}`,
      password: `${input.apiKey}/${input.password}`,
      client_id: deviceId,
      publish_topic: `0/${project}/${user}/${deviceId}`,
      subscribe_topics: [`1/${project}/${user}/${deviceId}/#`, `1/${project}/${user}/_all/#`],
    },
  });
}
