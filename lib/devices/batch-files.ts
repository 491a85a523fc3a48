import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { formatBoxCode, normaliseBoxCode } from "./box-code";
import { DeviceRegistryError } from "./errors";
import type { GeneratedDevice } from "./generate-devices";

/**
 * A dev batch's two files, kept apart so a leaked label sheet never holds keys: the box codes (serial, code, model)
 * and the device keys (one JSON object per line, read by the device simulator by serial). Both are 0600.
 */
export const CODES_FILE = "box-codes.csv";
export const KEYS_FILE = "device-keys.jsonl";

export interface DeviceKeysLine {
  serial: string;
  alg: string;
  signing_private_key: string;
  signing_public_key: string;
  kem_alg?: string;
  kem_private_key?: string;
  kem_public_key?: string;
}

function keysLine(device: GeneratedDevice): DeviceKeysLine {
  return {
    serial: device.serial,
    alg: device.alg,
    signing_private_key: device.signing.privateKey,
    signing_public_key: device.signing.publicKey,
    ...(device.kem && {
      kem_alg: device.kem.alg,
      kem_private_key: device.kem.pair.privateKey,
      kem_public_key: device.kem.pair.publicKey,
    }),
  };
}

export interface StagedFiles {
  codesFile: string;
  keysFile: string;
  /** Moves the files into place (after the database commit). */
  commit(): void;
  /** Removes the staged files (when the database write failed). */
  discard(): void;
}

/**
 * Writes both files beside their final names first; `commit` renames them into place once the batch is in the
 * database, so a failed write leaves neither orphan keys nor a batch without keys.
 */
export function stageBatchFiles(
  outDir: string,
  generated: readonly GeneratedDevice[],
  options: { replace: boolean },
): StagedFiles {
  const codesFile = path.resolve(outDir, CODES_FILE);
  const keysFile = path.resolve(outDir, KEYS_FILE);
  if (!options.replace) {
    for (const file of [codesFile, keysFile]) {
      if (fs.existsSync(/*turbopackIgnore: true*/ file)) {
        throw new DeviceRegistryError(`${file} already exists; choose another --out directory.`);
      }
    }
  }
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const staged = [codesFile, keysFile].map((file) => `${file}.${process.pid}.tmp`);
  const [codesTmp = "", keysTmp = ""] = staged;
  const discard = () => staged.forEach((file) => fs.rmSync(file, { force: true }));
  try {
    const codeRows = generated.map((d) => [d.serial, formatBoxCode(d.code), d.model]);
    fs.writeFileSync(codesTmp, stringify([["serial", "code", "model"], ...codeRows]), {
      mode: 0o600,
      flag: "wx",
    });
    const keyLines = generated.map((d) => JSON.stringify(keysLine(d)) + "\n").join("");
    fs.writeFileSync(keysTmp, keyLines, { mode: 0o600, flag: "wx" });
  } catch (error) {
    discard();
    throw error;
  }
  return {
    codesFile,
    keysFile,
    commit: () => {
      fs.renameSync(codesTmp, codesFile);
      fs.renameSync(keysTmp, keysFile);
    },
    discard,
  };
}

/**
 * The plain codes of a batch by serial, from any CSV with `serial` and `code` columns: a generated box-codes.csv
 * or a factory import file.
 */
export function readCodesFile(file: string): Map<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new DeviceRegistryError(`Cannot read the codes file ${file}.`);
  }
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
    });
  } catch {
    throw new DeviceRegistryError(`${file} is not a readable CSV file.`);
  }
  const codes = new Map<string, string>();
  for (const record of records) {
    const normalised = normaliseBoxCode(record.code ?? "");
    if (record.serial && normalised.ok) codes.set(record.serial, normalised.code);
  }
  if (codes.size === 0)
    throw new DeviceRegistryError(`${file} holds no serial and code columns with valid codes.`);
  return codes;
}
