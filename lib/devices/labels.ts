import "server-only";
import QRCode from "qrcode";
import type { Database } from "@/lib/db";
import type { DeviceBatch } from "@/lib/db/schema";
import { formatBoxCode } from "./box-code";
import { boxCodeMatches } from "./code-hmac";
import { DeviceRegistryError } from "./errors";
import { listBatchCodes } from "./queries";

export interface Label {
  serial: string;
  model: string;
  code: string;
}

/** The QR's URL: the code sits after `#`, so it never reaches a server, a log or a referrer. */
export function labelUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl}/s#${code}`;
}

/**
 * Pairs every device of a batch with its plain code from a codes file, checking each code against the stored
 * HMAC so a wrong or edited file cannot print a label that names another device.
 */
export async function collectLabels(
  db: Database,
  codeHmacKey: string,
  batch: DeviceBatch,
  codes: Map<string, string>,
  codesFile: string,
): Promise<Label[]> {
  const rows = await listBatchCodes(db, batch.id);
  if (rows.length === 0) throw new DeviceRegistryError(`Batch "${batch.name}" has no devices.`);
  const missing: string[] = [];
  const wrong: string[] = [];
  const labels: Label[] = [];
  for (const row of rows) {
    const code = codes.get(row.serial);
    if (code === undefined) missing.push(row.serial);
    else if (!boxCodeMatches(row.codeHmac, codeHmacKey, code)) wrong.push(row.serial);
    else labels.push({ serial: row.serial, model: row.model, code });
  }
  const sample = (serials: string[]) => serials.slice(0, 5).join(", ") + (serials.length > 5 ? ", …" : "");
  if (missing.length > 0) {
    throw new DeviceRegistryError(
      `${codesFile} has no code for ${missing.length} device(s) of batch "${batch.name}": ${sample(missing)}.`,
    );
  }
  if (wrong.length > 0) {
    throw new DeviceRegistryError(
      `${codesFile} holds a code that does not match the registry for ${wrong.length} device(s): ${sample(wrong)}.`,
    );
  }
  return labels;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A printable A4 sheet of labels: formatted code, serial, model and a QR of the setup URL. */
export async function renderLabelsHtml(
  batchName: string,
  labels: Label[],
  publicBaseUrl: string,
): Promise<string> {
  const cells = await Promise.all(
    labels.map(async (label) => {
      const qr = await QRCode.toString(labelUrl(publicBaseUrl, label.code), {
        type: "svg",
        errorCorrectionLevel: "M",
        margin: 1,
      });
      return `<div class="label">${qr}<div class="text"><div class="code">${escapeHtml(formatBoxCode(label.code))}</div><div>Serial ${escapeHtml(label.serial)}</div><div>${escapeHtml(label.model)}</div></div></div>`;
    }),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Box labels: ${escapeHtml(batchName)}</title>
<style>
  @page { size: A4; margin: 10mm; }
  body { font-family: system-ui, sans-serif; margin: 0; }
  .sheet { display: grid; grid-template-columns: repeat(2, 1fr); gap: 4mm; }
  .label { display: flex; gap: 3mm; align-items: center; border: 0.3mm dashed #999; padding: 3mm; break-inside: avoid; }
  .label svg { width: 28mm; height: 28mm; flex: none; }
  .code { font-family: ui-monospace, monospace; font-size: 13pt; font-weight: 700; letter-spacing: 0.05em; }
</style>
</head>
<body>
<div class="sheet">
${cells.join("\n")}
</div>
</body>
</html>
`;
}
