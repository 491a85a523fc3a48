import mqtt from "mqtt";
import type { CredentialBundle } from "./bundle";
import type { ConnectedDetails } from "./signed-bytes";
import type { Timing } from "./timing";

/** Medium One accepted the credentials (CONNACK 0 or an event POST answered 200) at `acceptedAt`. */
export interface MediumOneAcceptance {
  via: ConnectedDetails["via"];
  clientId: string;
  acceptedAt: number;
  /** Safe to print: no password, no API key. */
  detail: string;
}

export class MediumOneError extends Error {
  override readonly name = "MediumOneError";
}

const firstEvent = (firmware: string) => ({ event_data: { onboard: "connected", firmware } });

/**
 * §8 MQTT: 3.1.1, clean session, keep-alive 60 s, TLS when the bundle says so (certificate validated); CONNACK 0
 * is the acceptance. Then subscribes and publishes a first event (QoS 1, so the PUBACK proves it was taken).
 */
export async function connectMqtt(
  bundle: CredentialBundle,
  options: { firmware: string; timing: Timing; timeoutMs: number },
): Promise<MediumOneAcceptance> {
  const settings = bundle.mqtt;
  if (!settings) throw new MediumOneError("the bundle has no MQTT settings (use REST)");
  const client = mqtt.connect({
    host: settings.host,
    port: settings.port,
    protocol: settings.tls ? "mqtts" : "mqtt",
    protocolVersion: 4,
    clientId: settings.client_id,
    username: settings.username,
    password: settings.password,
    clean: true,
    keepalive: 60,
    reconnectPeriod: 0,
    connectTimeout: options.timeoutMs,
    rejectUnauthorized: true,
  });
  const closed = new Promise<never>((_, reject) => {
    client.once("close", () => reject(new MediumOneError("Medium One closed the MQTT connection")));
  });
  closed.catch(() => {});
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        client.once("connect", () => resolve());
        client.once("error", (error) => reject(new MediumOneError(`MQTT connect refused: ${error.message}`)));
      }),
      closed,
    ]);
    const acceptedAt = options.timing.now();
    const granted = await Promise.race([
      client.subscribeAsync(settings.subscribe_topics, { qos: 1 }),
      closed,
    ]);
    const refused = granted.filter((g) => g.qos === 128).length;
    await Promise.race([
      client.publishAsync(settings.publish_topic, JSON.stringify(firstEvent(options.firmware)), { qos: 1 }),
      closed,
    ]);
    return {
      via: "mqtt_connack",
      clientId: settings.client_id,
      acceptedAt,
      detail:
        `CONNACK 0 from ${settings.host}:${settings.port} as client ${settings.client_id}, user ${settings.username}; ` +
        `subscribed ${granted.length - refused}/${granted.length}; first event published to ${settings.publish_topic}`,
    };
  } finally {
    await client.endAsync(true).catch(() => {});
  }
}

/**
 * §8 REST: `POST {rest_base_url}login` (keeping the session cookie), then `POST events/raw/{login_id}`; the event's
 * 200 is the acceptance. One login attempt only: Medium One locks a login after repeated bad passwords.
 */
export async function connectRest(
  bundle: CredentialBundle,
  options: { firmware: string; timing: Timing; fetch: typeof fetch; timeoutMs: number },
): Promise<MediumOneAcceptance> {
  const post = (path: string, body: unknown, cookie?: string) =>
    options.fetch(new URL(path, bundle.rest_base_url), {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  const login = await post("login", {
    login_id: bundle.login_id,
    password: bundle.password,
    api_key: bundle.api_key,
  });
  if (login.status !== 200) {
    throw new MediumOneError(
      `login as ${bundle.login_id} refused: HTTP ${login.status} ${await errorMessage(login)}`,
    );
  }
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!.trim())
    .join("; ");
  const eventPath = `events/raw/${encodeURIComponent(bundle.login_id)}`;
  const event = await post(eventPath, firstEvent(options.firmware), cookie);
  if (event.status !== 200) {
    throw new MediumOneError(`first event refused: HTTP ${event.status} ${await errorMessage(event)}`);
  }
  return {
    via: "event_accepted",
    clientId: "",
    acceptedAt: options.timing.now(),
    detail: `login as ${bundle.login_id} accepted; first event accepted by ${eventPath}`,
  };
}

/** Medium One's `{"error": {"message"}}`, cut short; it never echoes a password. */
async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === "string") return message.slice(0, 200);
  } catch {
    // not JSON: fall through
  }
  return "";
}
