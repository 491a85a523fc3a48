import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DeviceRegistryError } from "@/lib/devices/errors";
import { importFactoryBatch, type RowReport } from "@/lib/devices/import-batch";
import { parseOption, rate, UsageError, withRegistry } from "./context";
import { batchNameSchema } from "./options";

export interface ImportOptions {
  file: string;
  batch?: string;
  problemsOnly?: boolean;
}

function reportLine(report: RowReport): string {
  const serial = report.serial === "" ? "(no serial)" : report.serial;
  const detail = report.message === report.status ? "" : `: ${report.message}`;
  return `row ${report.row} ${serial}: ${report.status.replace(/_/g, " ")}${detail}`;
}

export async function importCommand(options: ImportOptions): Promise<number> {
  const filePath = path.resolve(options.file);
  const defaultName = path.basename(filePath).replace(/\.[^.]*$/, "");
  if (options.batch === undefined && !batchNameSchema.safeParse(defaultName).success) {
    throw new UsageError(
      `The file name "${defaultName}" cannot be a batch name; give one with --batch NAME.`,
    );
  }
  const batchName = parseOption(batchNameSchema, options.batch ?? defaultName);
  let text: string;
  try {
    text = fs.readFileSync(filePath, "utf8");
  } catch {
    throw new DeviceRegistryError(`Cannot read ${filePath}.`);
  }
  return withRegistry(async ({ db, config, clock, actor }) => {
    const started = performance.now();
    const result = await importFactoryBatch(db, config.secrets.codeHmacKey, clock, {
      text,
      filePath,
      batchName,
      actor,
    });
    const elapsed = performance.now() - started;
    let problems = 0;
    for (const report of result.rows) {
      const fine = report.status === "ok" || report.status === "unchanged";
      if (!fine) {
        problems++;
        console.error(reportLine(report));
      } else if (!options.problemsOnly) console.log(reportLine(report));
    }
    if (!result.accepted) {
      console.error(
        `Import refused: ${problems} of ${result.rows.length} rows have problems; nothing was written. ` +
          `Fix the rows above and run the same command again.`,
      );
      return 1;
    }
    console.log(
      `Batch "${result.batchName}": ${result.added} added, ${result.unchanged} unchanged; ` +
        `checked ${rate(result.rows.length, elapsed)}.`,
    );
    return 0;
  });
}
