import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db";
import { systemClock, type Clock } from "@/lib/security/clock";
import { CODES_FILE, KEYS_FILE, readCodesFile } from "./batch-files";
import { formatBoxCode } from "./box-code";
import { createDevBatch } from "./dev-batch";
import type { DeviceSpec } from "./generate-devices";
import { findBatchByName } from "./queries";

export const DEMO_BATCH_NAME = "demo";
export const DEMO_MODEL = "demo-sensor";

/** Both signing algorithms and both ways of holding an encryption key, so a demo can try each path. */
export const DEMO_SPECS: readonly DeviceSpec[] = [
  { alg: "ed25519", separateKem: false },
  { alg: "ed25519", separateKem: false },
  { alg: "p256", separateKem: false },
  { alg: "ed25519", separateKem: true },
  { alg: "p256", separateKem: true },
];

export function demoDevicesDir(dataDir: string): string {
  return path.join(dataDir, "demo-devices");
}

function printCodes(
  log: (line: string) => void,
  dir: string,
  codes: { serial: string; code: string }[],
): void {
  log(`Demo devices (dev batch "${DEMO_BATCH_NAME}"), box codes to try:`);
  for (const { serial, code } of codes.slice(0, 3)) log(`  ${formatBoxCode(code)}  (serial ${serial})`);
  log(
    `All codes: ${path.join(dir, CODES_FILE)}; device keys for the simulator: ${path.join(dir, KEYS_FILE)}`,
  );
}

/**
 * Embedded mode only: creates the demo dev batch on first start, and on every start prints a few of its codes and
 * where the device keys are. Deployed mode never has demo data.
 */
export async function ensureDemoBatch(
  db: Database,
  config: Pick<Config, "mode" | "dataDir" | "secrets">,
  log: (line: string) => void,
  clock: Clock = systemClock,
): Promise<void> {
  if (config.mode !== "embedded") return;
  const dir = demoDevicesDir(config.dataDir);
  const existing = await findBatchByName(db, DEMO_BATCH_NAME);
  if (existing) {
    const codesFile = existing.codesFile ?? path.join(dir, CODES_FILE);
    if (!fs.existsSync(/*turbopackIgnore: true*/ codesFile)) {
      log(`Demo batch "${DEMO_BATCH_NAME}" exists, but its codes file ${codesFile} is gone.`);
      return;
    }
    printCodes(
      log,
      dir,
      [...readCodesFile(codesFile)].map(([serial, code]) => ({ serial, code })),
    );
    return;
  }
  const created = await createDevBatch(db, config.secrets.codeHmacKey, clock, {
    name: DEMO_BATCH_NAME,
    model: DEMO_MODEL,
    serialPrefix: "DEMO",
    specs: DEMO_SPECS,
    outDir: dir,
    // A database reset leaves the old files behind; they describe devices that no longer exist.
    replaceFiles: true,
    actor: "system",
  });
  printCodes(log, dir, created.codes);
}
