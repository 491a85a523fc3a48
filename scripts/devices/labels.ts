import fs from "node:fs";
import path from "node:path";
import { readCodesFile } from "@/lib/devices/batch-files";
import { DeviceRegistryError } from "@/lib/devices/errors";
import { collectLabels, renderLabelsHtml } from "@/lib/devices/labels";
import { findBatchByName } from "@/lib/devices/queries";
import { parseOption, withRegistry } from "./context";
import { batchNameSchema } from "./options";

export interface LabelsOptions {
  batch: string;
  out: string;
  codes?: string;
}

export async function labelsCommand(options: LabelsOptions): Promise<number> {
  const batchName = parseOption(batchNameSchema, options.batch);
  const out = path.resolve(options.out);
  return withRegistry(async ({ db, config, allowDev }) => {
    const batch = await findBatchByName(db, batchName);
    if (!batch || (batch.kind === "dev" && !allowDev))
      throw new DeviceRegistryError(`No batch named "${batchName}".`);
    // The database holds only HMACs: the plain codes come from the batch's own file or the one given.
    const codesFile = options.codes ? path.resolve(options.codes) : batch.codesFile;
    if (!codesFile)
      throw new DeviceRegistryError(`Batch "${batchName}" has no codes file on record; give --codes FILE.`);
    const labels = await collectLabels(
      db,
      config.secrets.codeHmacKey,
      batch,
      readCodesFile(codesFile),
      codesFile,
    );
    const html = await renderLabelsHtml(batch.name, labels, config.publicBaseUrl);
    fs.writeFileSync(out, html, { mode: 0o600 });
    fs.chmodSync(out, 0o600);
    console.log(
      `Wrote ${labels.length} labels for batch "${batch.name}" to ${out} (0600: it holds box codes).`,
    );
    return 0;
  });
}
