import { CommanderError } from "commander";
import { startEmulator } from "@/lib/medium-one/emulator";
import { parseEmulatorArgs } from "@/lib/medium-one/emulator/cli";
import { runCli } from "./cli-support";

await runCli(async () => {
  let parsed;
  try {
    parsed = parseEmulatorArgs(process.argv.slice(2));
  } catch (error) {
    // commander has already printed the usage problem (or the help text, which exits 0).
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
  const { usedDefaults, ...options } = parsed;
  const emulator = await startEmulator(options);
  for (const line of usedDefaults) console.log(`Default ${line} (pass flags to change it)`);
  console.log(
    `Choices: ${Object.entries(emulator.choices)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
  );
  console.log(
    `State in ${options.dataDir}; control surface ${options.control ? "ON at /__control/" : "off"}`,
  );
  if (options.mqtt) {
    console.log(`MQTT side on port ${emulator.mqttPort}, project MQTT ID ${options.mqtt.projectMqttId}`);
  }
  console.log(`Medium One emulator listening at ${emulator.url} (Ctrl+C to stop)`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await emulator.close();
});
