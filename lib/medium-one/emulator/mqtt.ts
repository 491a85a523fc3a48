import net from "node:net";
import type { AddressInfo } from "node:net";
import { Aedes, type AuthenticateError, type Client } from "aedes";
import { z } from "zod";
import { visibleUser, type EmulatorContext } from "./context";
import { recordEvents } from "./events";
import { verifyPassword } from "./passwords";

export interface MqttEmulatorOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** The project's MQTT ID, first level of every username and topic. */
  projectMqttId: string;
}

const payloadSchema = z.object({
  event_data: z.record(z.string(), z.unknown()),
  observed_at: z.iso.datetime({ offset: true }).optional(),
  stream: z.string().min(1).optional(),
  add_client_ip: z.boolean().optional(),
});

// aedes' AuthErrorCode is a const enum, which isolated modules cannot import.
const BAD_USERNAME_OR_PASSWORD = 4;

function refused(): AuthenticateError {
  return Object.assign(new Error("Bad username or password"), {
    returnCode: BAD_USERNAME_OR_PASSWORD,
  }) as AuthenticateError;
}

/**
 * Medium One's device side (medium-one-api.md §6): username `<project>/<user_mqtt_id>`, password
 * `<api_key>/<user_password>`, publish only to `0/<project>/<user_mqtt_id>/<device_id>`; published events become
 * readable through GET /v2/events.
 */
export async function startMqttEmulator(context: EmulatorContext, options: MqttEmulatorOptions) {
  const loginOf = new WeakMap<Client, { loginId: string; mqttId: string }>();
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const [project, userMqttId, ...extra] = (username ?? "").split("/");
      const secret = password?.toString("utf8") ?? "";
      const slash = secret.indexOf("/");
      const apiKey = secret.slice(0, slash);
      const userPassword = secret.slice(slash + 1);
      const user = Object.values(context.store.state.users).find((u) => u.mqttId === userMqttId);
      const ok =
        project === options.projectMqttId &&
        extra.length === 0 &&
        slash > 0 &&
        context.apiKeys.get(apiKey) === true &&
        user !== undefined &&
        visibleUser(context, user.loginId, false) !== undefined &&
        !user.disabled &&
        verifyPassword(userPassword, user.passwordHash);
      if (!ok || !user) return done(refused(), false);
      loginOf.set(client, { loginId: user.loginId, mqttId: user.mqttId });
      done(null, true);
    },
    authorizePublish(client, packet, callback) {
      const who = client ? loginOf.get(client) : undefined;
      const [kind, project, userMqttId, deviceId = "", ...rest] = packet.topic.split("/");
      const topicOk =
        who !== undefined &&
        kind === "0" &&
        project === options.projectMqttId &&
        userMqttId === who.mqttId &&
        (rest.length === 0 || (rest.length === 1 && rest[0] === ""));
      if (!topicOk || !who) return callback(new Error("Publishing to this topic is not allowed"));
      let payload: z.infer<typeof payloadSchema>;
      try {
        payload = payloadSchema.parse(JSON.parse(packet.payload.toString("utf8")));
      } catch {
        return callback(new Error("Payload must be JSON with an event_data object"));
      }
      const now = context.clock.now().toISOString();
      const ip = (client?.conn as net.Socket | undefined)?.remoteAddress ?? "unknown";
      recordEvents(context, [
        {
          stream: payload.stream ?? "raw",
          loginId: who.loginId,
          eventData: {
            ...payload.event_data,
            ...(deviceId ? { device_id: deviceId } : {}),
            ...(payload.add_client_ip ? { ip_address: ip } : {}),
          },
          observedAt: payload.observed_at ? new Date(payload.observed_at).toISOString() : now,
          receivedAt: now,
        },
      ]);
      callback(null);
    },
    authorizeSubscribe(client, subscription, callback) {
      const who = loginOf.get(client);
      const [kind, project, scope] = subscription.topic.split("/");
      const allowed =
        who !== undefined &&
        project === options.projectMqttId &&
        ((kind === "1" && scope === who.mqttId) || kind === "2");
      callback(allowed ? null : new Error("Subscribing to this topic is not allowed"), subscription);
    },
  });
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        broker.close(() => server.close(() => resolve()));
      }),
  };
}
