import mqtt from "mqtt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/lib/medium-one/emulator";
import { MediumOneClient } from "@/lib/medium-one/client";
import { ManualClock } from "@/lib/security/clock";
import { API_KEY, BUSINESS, DEVICE_API_KEY, GOOD_PASSWORD } from "./harness";

const PROJECT = "7T3kxm_Rdf4";
let emulator: RunningEmulator;
let client: MediumOneClient;
let userMqttId: string;
const connections: mqtt.MqttClient[] = [];

beforeEach(async () => {
  emulator = await startEmulator({
    port: 0,
    apiKeys: [
      { key: API_KEY, enabled: true },
      { key: DEVICE_API_KEY, enabled: true },
      { key: "OFF_KEY", enabled: false },
    ],
    businessUsers: [BUSINESS],
    clock: new ManualClock("2026-11-25T10:00:00Z"),
    mqtt: { port: 0, projectMqttId: PROJECT },
  });
  client = new MediumOneClient({
    baseUrl: emulator.url,
    apiKey: API_KEY,
    timeoutMs: 2000,
    account: { kind: "business", ...BUSINESS },
  });
  await client.account.createUser("mqtt-dev", GOOD_PASSWORD);
  userMqttId = (await client.account.getUser("mqtt-dev")).mqttId!;
});
afterEach(async () => {
  await Promise.all(connections.splice(0).map((c) => c.endAsync(true)));
  await emulator.close();
});

function connect(username: string, password: string) {
  const connection = mqtt.connect(`mqtt://127.0.0.1:${emulator.mqttPort}`, {
    username,
    password,
    clientId: "test-device",
    reconnectPeriod: 0,
    connectTimeout: 2000,
  });
  connections.push(connection);
  return new Promise<mqtt.MqttClient>((resolve, reject) => {
    connection.once("connect", () => resolve(connection));
    connection.once("error", reject);
  });
}

describe("MQTT side", () => {
  it("accepts a device with <project>/<user> and <device key>/<password>, and records what it publishes", async () => {
    const device = await connect(`${PROJECT}/${userMqttId}`, `${DEVICE_API_KEY}/${GOOD_PASSWORD}`);
    await device.publishAsync(
      `0/${PROJECT}/${userMqttId}/sensor-1`,
      JSON.stringify({ event_data: { temp: 21.5 }, observed_at: "2026-11-25T09:59:00Z" }),
      { qos: 1 },
    );
    await device.publishAsync(
      `0/${PROJECT}/${userMqttId}/`,
      JSON.stringify({ event_data: { n: 2 }, stream: "sensor_data" }),
      { qos: 1 },
    );
    const raw = await client.account.readEvents("raw", "mqtt-dev");
    expect(raw).toEqual([
      {
        eventData: { temp: 21.5, device_id: "sensor-1" },
        observedAt: "2026-11-25T09:59:00.000Z",
        receivedAt: "2026-11-25T10:00:00.000Z",
      },
    ]);
    expect((await client.account.readEvents("sensor_data", "mqtt-dev")).map((e) => e.eventData)).toEqual([
      { n: 2 },
    ]);
  });

  it.each([
    ["a wrong project", () => `NOTPROJECT1/${userMqttId}`, () => `${DEVICE_API_KEY}/${GOOD_PASSWORD}`],
    ["a wrong password", () => `${PROJECT}/${userMqttId}`, () => `${DEVICE_API_KEY}/Wrong-Pass-1`],
    ["a disabled API key", () => `${PROJECT}/${userMqttId}`, () => `OFF_KEY/${GOOD_PASSWORD}`],
    ["an unknown user", () => `${PROJECT}/AAAAAAAAAAA`, () => `${DEVICE_API_KEY}/${GOOD_PASSWORD}`],
    ["no API key", () => `${PROJECT}/${userMqttId}`, () => GOOD_PASSWORD],
  ])("refuses %s", async (_name, username, password) => {
    await expect(connect(username(), password())).rejects.toThrow(/Bad username or password/);
  });

  it("refuses a disabled user", async () => {
    await client.account.patchUser("mqtt-dev", { disabled: true });
    await expect(connect(`${PROJECT}/${userMqttId}`, `${API_KEY}/${GOOD_PASSWORD}`)).rejects.toThrow(
      /Bad username or password/,
    );
  });

  it("drops a device that publishes to another user's topic or sends a bad payload, recording nothing", async () => {
    await client.account.createUser("other", GOOD_PASSWORD);
    const otherId = (await client.account.getUser("other")).mqttId!;
    for (const [topic, payload] of [
      [`0/${PROJECT}/${otherId}/d`, JSON.stringify({ event_data: { x: 1 } })],
      [`0/${PROJECT}/${userMqttId}/d`, "not json"],
      [`0/${PROJECT}/${userMqttId}/d/extra`, JSON.stringify({ event_data: { x: 1 } })],
    ] as const) {
      const device = await connect(`${PROJECT}/${userMqttId}`, `${DEVICE_API_KEY}/${GOOD_PASSWORD}`);
      const closed = new Promise<void>((resolve) => device.once("close", () => resolve()));
      device.publish(topic, payload, { qos: 1 });
      await closed;
    }
    expect(await client.account.readEvents("raw", "mqtt-dev")).toEqual([]);
    expect(await client.account.readEvents("raw", "other")).toEqual([]);
  });
});
