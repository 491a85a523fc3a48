import fs from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { z } from "zod";
import {
  loadDeviceKeys,
  pairDevice,
  stepLine,
  type ConnectMode,
  type DeviceKeys,
  type PairResult,
  type StepRecord,
} from "@/lib/device-sim";

/**
 * The device simulator (`npm run device -- pair …`): pairs like firmware would, from docs/pairing-protocol.md alone.
 * Exit codes: 0 every step succeeded, 1 a step failed (named, with the server's code), 2 usage.
 */
const pairOptionsSchema = z
  .object({
    keys: z.string().min(1),
    serial: z.string().min(1),
    qrPng: z.string().min(1).optional(),
    qrText: z.string().optional(),
    api: z.url({ protocol: /^https?$/ }),
    mqtt: z.boolean().optional(),
    rest: z.boolean().optional(),
    firmware: z.string().max(64),
    json: z.boolean().optional(),
  })
  .refine(
    (o) => (o.qrPng === undefined) !== (o.qrText === undefined),
    "give exactly one of --qr-png and --qr-text",
  );

class UsageError extends Error {}

async function pairCommand(raw: Record<string, unknown>): Promise<number> {
  const parsed = pairOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("; "));
  const options = parsed.data;
  const print = (line: string) => {
    if (!options.json) console.log(line);
  };
  let keys: DeviceKeys;
  try {
    keys = loadDeviceKeys(options.keys, options.serial);
  } catch (error) {
    const failed: StepRecord = { step: "load keys", ok: false, detail: (error as Error).message };
    print(stepLine(failed));
    return finish(options.json, { ok: false, step: "load keys", message: failed.detail, steps: [failed] });
  }
  const loaded: StepRecord = {
    step: "load keys",
    ok: true,
    detail: `${keys.serial}: ${keys.alg} signing key${keys.kem ? `, separate ${keys.kem.alg} encryption key` : ""}`,
  };
  print(stepLine(loaded));
  let qr: { png: Uint8Array } | { text: string };
  try {
    qr =
      options.qrPng !== undefined ? { png: fs.readFileSync(options.qrPng) } : { text: options.qrText ?? "" };
  } catch {
    const failed: StepRecord = { step: "decode QR", ok: false, detail: `cannot read ${options.qrPng}` };
    print(stepLine(failed));
    return finish(options.json, {
      ok: false,
      step: "decode QR",
      message: failed.detail,
      steps: [loaded, failed],
    });
  }
  const connectMode: ConnectMode = options.rest ? "rest" : options.mqtt ? "mqtt" : "auto";
  const result = await pairDevice({
    keys,
    qr,
    apiBaseUrl: options.api,
    connectMode,
    firmware: options.firmware,
    log: print,
  });
  return finish(options.json, { ...result, steps: [loaded, ...result.steps] });
}

function finish(json: boolean | undefined, result: PairResult): number {
  if (json) console.log(JSON.stringify(result));
  if (!result.ok && !json) console.error(`pairing failed at "${result.step}": ${result.message}`);
  return result.ok ? 0 : 1;
}

let exitCode = 0;
const program = new Command("device")
  .description("Device simulator: pairs a device from a pairing QR, as its firmware would.")
  .exitOverride()
  .showHelpAfterError("(add --help for usage)");

program
  .command("pair")
  .description("Scan a pairing QR, redeem it, store the bundle, connect to Medium One, report connected.")
  .requiredOption("--keys <file>", "device-keys.jsonl written by `npm run devices -- generate`")
  .requiredOption("--serial <serial>", "the device's serial (its line in the key file)")
  .option("--qr-png <file>", "the QR as a PNG image (screenshot or camera frame)")
  .option("--qr-text <text>", "the QR's text (OB1:…)")
  .requiredOption("--api <url>", "device API base URL, as configured in firmware (never from the QR)")
  .addOption(new Option("--mqtt", "connect to Medium One over MQTT").conflicts("rest"))
  .addOption(new Option("--rest", "connect to Medium One over REST (login, then an event)").conflicts("mqtt"))
  .option("--firmware <version>", "firmware version reported in `connected`", "1.0.0")
  .option("--json", "print the result as one JSON object instead of step lines")
  .action(async (options: Record<string, unknown>) => {
    exitCode = await pairCommand(options);
  });

try {
  await program.parseAsync(process.argv);
  process.exitCode = exitCode;
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    console.error(`${error.message} (add --help for usage)`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
