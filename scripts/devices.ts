import { Command, CommanderError, Option } from "commander";
import { SIGN_ALGS } from "@/lib/devices/algorithms";
import { DeviceRegistryError } from "@/lib/devices/errors";
import { runCli } from "./cli-support";
import { checkCommand } from "./devices/check";
import { UsageError } from "./devices/context";
import { generateCommand } from "./devices/generate";
import { importCommand } from "./devices/import";
import { listCommand, showCommand } from "./devices/inspect";
import { labelsCommand } from "./devices/labels";

/** The device registry CLI (`npm run devices -- <command>`). Exit codes: 0 ok, 1 error, 2 usage. */
let exitCode = 0;
const run =
  <A extends unknown[]>(command: (...args: A) => Promise<number>) =>
  async (...args: A) => {
    exitCode = await command(...args);
  };

const program = new Command("devices")
  .description("Device registry: dev batches, factory imports, box-code checks and labels.")
  .exitOverride()
  .showHelpAfterError("(add --help for usage)");

program
  .command("generate")
  .description(
    "Create a dev batch: registers public keys, writes box-codes.csv and device-keys.jsonl (0600).",
  )
  .requiredOption("--count <n>", "how many devices")
  .requiredOption("--model <model>", "model name stored with each device")
  .addOption(new Option("--alg <alg>", "signing key algorithm").choices(SIGN_ALGS).default("ed25519"))
  .option("--separate-kem", "give each device a separate encryption key (x25519 for ed25519, p256 for p256)")
  .requiredOption("--out <dir>", "directory for the two files (must not already hold them)")
  .option("--batch <name>", "batch name (default dev-<random>)")
  .action(run(generateCommand));

program
  .command("import")
  .description(
    "Import a factory batch from CSV: serial,code,alg,public_key,model[,kem_alg,kem_public_key]. " +
      "All or nothing; re-running the same file changes nothing.",
  )
  .requiredOption("--file <file>", "the CSV file")
  .option("--batch <name>", "batch name (default: the file name without extension)")
  .option("--problems-only", "print only rows with problems")
  .action(run(importCommand));

program
  .command("check")
  .description("Check box codes (arguments, or one per line on stdin); exit 0 only if all are valid.")
  .argument("[codes...]", "box codes, any case, with or without dashes")
  .action(run(checkCommand));

program
  .command("labels")
  .description("Write printable HTML labels (code, serial, QR of PUBLIC_BASE_URL/s#CODE) for a batch.")
  .requiredOption("--batch <name>", "batch name")
  .requiredOption("--out <file>", "HTML file to write (0600)")
  .option("--codes <file>", "CSV with serial and code columns (default: the batch's own codes file)")
  .action(run(labelsCommand));

program.command("list").description("List device batches.").action(run(listCommand));

program
  .command("show")
  .description("Show one device.")
  .argument("<serial>", "the device's serial")
  .action(run(showCommand));

await runCli(async () => {
  try {
    await program.parseAsync(process.argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      console.error(`${error.message} (add --help for usage)`);
      return 2;
    }
    if (error instanceof DeviceRegistryError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
});
