import "server-only";
import path from "node:path";
import type { Config } from "@/lib/config";
import { startEmulator, type RunningEmulator } from "./server";

const RUNNING = Symbol.for("onboard.mediumOneEmulator");
type Holder = { [RUNNING]?: Promise<RunningEmulator> };

/**
 * Embedded mode's Medium One: the emulator in-process on EMULATOR_PORT, seeded with the configured account and
 * the distinct server and device API keys. Started once per process (Next.js may load this module twice).
 */
export function startEmbeddedEmulator(config: Config): Promise<RunningEmulator> | undefined {
  if (config.emulator === null) return undefined;
  const holder = globalThis as Holder;
  const { mediumOne } = config;
  const account = { loginId: mediumOne.loginId, password: mediumOne.password };
  holder[RUNNING] ??= startEmulator({
    port: config.emulator.port,
    host: "127.0.0.1",
    dataDir: path.join(config.dataDir, "medium-one-emulator"),
    apiKeys: [
      { key: mediumOne.apiKey, enabled: true },
      { key: mediumOne.deviceApiKey, enabled: true },
    ],
    businessUsers: mediumOne.accountKind === "business" ? [account] : [],
    registrationUsers: mediumOne.accountKind === "registration" ? [account] : [],
    // Only the e2e tests turn this on: it lets anyone who reaches the port reset state and inject faults.
    control: process.env.ONBOARD_EMULATOR_CONTROL === "1",
    mqtt: { port: config.emulator.mqttPort, host: "127.0.0.1", projectMqttId: mediumOne.projectMqttId },
  }).then((emulator) => {
    console.log(
      `Medium One emulator (embedded) listening at ${emulator.url}, MQTT on 127.0.0.1:${emulator.mqttPort}`,
    );
    return emulator;
  });
  return holder[RUNNING];
}
