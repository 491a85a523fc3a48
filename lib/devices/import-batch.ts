import "server-only";
import { parse } from "csv-parse/sync";
import type { Database } from "@/lib/db";
import type { Clock } from "@/lib/security/clock";
import { isKemAlg, isSignAlg, type KemAlg, type SignAlg } from "./algorithms";
import { normaliseBoxCode } from "./box-code";
import { boxCodeHmac, codeLast4 } from "./code-hmac";
import { DeviceRegistryError, ImportRefusedError } from "./errors";
import { parsePublicKey } from "./public-keys";
import {
  findBatchByName,
  findExistingDevices,
  writeBatch,
  type ExistingDevice,
  type NewDeviceRow,
} from "./queries";

/**
 * Factory import. A file is all or nothing: every row is checked and reported, and if any row has a problem nothing
 * is written (a skipped row would be a printed box that can never be set up). Re-running a file that was imported
 * adds nothing: rows already registered with identical data are reported `unchanged`.
 */
export const REQUIRED_COLUMNS = ["serial", "code", "alg", "public_key", "model"] as const;
export const OPTIONAL_COLUMNS = ["kem_alg", "kem_public_key"] as const;
const KNOWN_COLUMNS = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

/** Serials and models: printable, no spaces, so they survive labels, logs and URLs unquoted. */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;

export type RowStatus =
  | "ok"
  | "unchanged"
  | "missing_field"
  | "bad_field"
  | "bad_code"
  | "bad_key"
  | "duplicate_serial"
  | "duplicate_code";

export interface RowReport {
  /** 1 is the first row after the header. */
  row: number;
  serial: string;
  status: RowStatus;
  message: string;
}

export interface ImportResult {
  batchName: string;
  rows: RowReport[];
  added: number;
  unchanged: number;
  /** True when every row is ok or unchanged (and any new rows were written). */
  accepted: boolean;
}

interface ValidRow {
  row: number;
  device: NewDeviceRow & { signAlg: SignAlg; kemAlg: KemAlg | null };
}

type RowCheck = { ok: true; value: ValidRow } | { ok: false; report: RowReport };

function problem(row: number, serial: string, status: RowStatus, message: string): RowCheck {
  return { ok: false, report: { row, serial, status, message } };
}

function checkRow(record: Record<string, string>, row: number, codeHmacKey: string): RowCheck {
  const field = (name: string) => (record[name] ?? "").trim();
  const serial = field("serial");
  const missing = REQUIRED_COLUMNS.filter((name) => field(name) === "");
  if (missing.length > 0) return problem(row, serial, "missing_field", `missing ${missing.join(", ")}`);
  if (!IDENTIFIER.test(serial)) {
    return problem(row, serial, "bad_field", "serial must be 1-64 letters, digits or . _ : / - (no spaces)");
  }
  if (!IDENTIFIER.test(field("model"))) {
    return problem(row, serial, "bad_field", "model must be 1-64 letters, digits or . _ : / - (no spaces)");
  }
  const code = normaliseBoxCode(field("code"));
  if (!code.ok) return problem(row, serial, "bad_code", `code: ${code.message}`);
  const alg = field("alg").toLowerCase();
  if (!isSignAlg(alg))
    return problem(row, serial, "bad_field", `alg must be ed25519 or p256, not "${field("alg")}"`);
  const signKey = parsePublicKey(alg, field("public_key"));
  if (!signKey.ok) return problem(row, serial, "bad_key", `public_key: ${signKey.reason}`);

  const kemAlgText = field("kem_alg").toLowerCase();
  const kemKeyText = field("kem_public_key");
  let kem: { alg: KemAlg; key: string } | null = null;
  if (kemAlgText !== "" || kemKeyText !== "") {
    if (kemAlgText === "" || kemKeyText === "") {
      return problem(
        row,
        serial,
        "missing_field",
        "kem_alg and kem_public_key go together: give both or neither",
      );
    }
    if (!isKemAlg(kemAlgText)) {
      return problem(row, serial, "bad_field", `kem_alg must be x25519 or p256, not "${field("kem_alg")}"`);
    }
    const kemKey = parsePublicKey(kemAlgText, kemKeyText);
    if (!kemKey.ok) return problem(row, serial, "bad_key", `kem_public_key: ${kemKey.reason}`);
    kem = { alg: kemAlgText, key: kemKey.key };
  }
  return {
    ok: true,
    value: {
      row,
      device: {
        serial,
        codeHmac: boxCodeHmac(codeHmacKey, code.code),
        codeLast4: codeLast4(code.code),
        signAlg: alg,
        signPublicKey: signKey.key,
        kemAlg: kem?.alg ?? null,
        kemPublicKey: kem?.key ?? null,
        model: field("model"),
      },
    },
  };
}

/** Parses the file; refuses it whole for a private key, an unreadable CSV or unexpected columns. */
export function parseImportFile(text: string, fileLabel: string): Record<string, string>[] {
  if (/PRIVATE KEY/i.test(text)) {
    throw new ImportRefusedError(
      `${fileLabel} contains a private key; the whole file is refused. Import public keys only, ` +
        `and treat the keys in that file as exposed.`,
    );
  }
  let header: string[] = [];
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : "unreadable";
    throw new ImportRefusedError(`${fileLabel} is not a readable CSV file: ${detail}`);
  }
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name));
  const unknown = header.filter((name) => !KNOWN_COLUMNS.has(name));
  if (missing.length > 0 || unknown.length > 0) {
    throw new ImportRefusedError(
      `${fileLabel} has the wrong columns` +
        (missing.length > 0 ? `; missing: ${missing.join(", ")}` : "") +
        (unknown.length > 0 ? `; unknown: ${unknown.join(", ")}` : "") +
        `. Expected ${[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(",")} (the last two optional).`,
    );
  }
  if (records.length === 0) throw new ImportRefusedError(`${fileLabel} has a header but no device rows.`);
  return records;
}

function sameDevice(existing: ExistingDevice, row: NewDeviceRow): boolean {
  return (
    existing.codeHmac === row.codeHmac &&
    existing.signAlg === row.signAlg &&
    existing.signPublicKey === row.signPublicKey &&
    existing.kemAlg === (row.kemAlg ?? null) &&
    existing.kemPublicKey === (row.kemPublicKey ?? null) &&
    existing.model === row.model
  );
}

/** Checks rows against each other and against the registry; returns one report per row. */
async function classify(
  db: Database,
  batchName: string,
  checks: RowCheck[],
): Promise<{ reports: RowReport[]; toAdd: ValidRow[] }> {
  const valid = checks.flatMap((c) => (c.ok ? [c.value] : []));
  const existing = await findExistingDevices(
    db,
    valid.map((v) => v.device.serial),
    valid.map((v) => v.device.codeHmac),
  );
  const bySerial = new Map(existing.map((e) => [e.serial, e]));
  const byCode = new Map(existing.map((e) => [e.codeHmac, e]));
  const serialRow = new Map<string, number>();
  const codeRow = new Map<string, number>();
  const reports: RowReport[] = [];
  const toAdd: ValidRow[] = [];
  for (const check of checks) {
    if (!check.ok) {
      reports.push(check.report);
      continue;
    }
    const { row, device } = check.value;
    const report = (status: RowStatus, message: string) =>
      reports.push({ row, serial: device.serial, status, message });
    const earlierSerial = serialRow.get(device.serial);
    const earlierCode = codeRow.get(device.codeHmac);
    serialRow.set(device.serial, earlierSerial ?? row);
    codeRow.set(device.codeHmac, earlierCode ?? row);
    const registered = bySerial.get(device.serial);
    const codeOwner = byCode.get(device.codeHmac);
    if (earlierSerial !== undefined) report("duplicate_serial", `serial also on row ${earlierSerial}`);
    else if (earlierCode !== undefined) report("duplicate_code", `same code as row ${earlierCode}`);
    else if (registered && registered.batchName === batchName && sameDevice(registered, device)) {
      report("unchanged", "already imported");
    } else if (registered) {
      report(
        "duplicate_serial",
        `serial already registered in batch "${registered.batchName}" with other data`,
      );
    } else if (codeOwner) report("duplicate_code", "code already registered to another device");
    else {
      report("ok", "ok");
      toAdd.push(check.value);
    }
  }
  return { reports, toAdd };
}

export interface ImportRequest {
  text: string;
  /** Shown in messages and kept as the batch's codes file (labels read codes from it). */
  filePath: string;
  batchName: string;
  actor: string;
}

export async function importFactoryBatch(
  db: Database,
  codeHmacKey: string,
  clock: Clock,
  request: ImportRequest,
): Promise<ImportResult> {
  const records = parseImportFile(request.text, request.filePath);
  const existingBatch = await findBatchByName(db, request.batchName);
  if (existingBatch && existingBatch.kind !== "factory") {
    throw new DeviceRegistryError(
      `Batch "${request.batchName}" exists and is a ${existingBatch.kind} batch; import under another --batch name.`,
    );
  }
  const checks = records.map((record, index) => checkRow(record, index + 1, codeHmacKey));
  const { reports, toAdd } = await classify(db, request.batchName, checks);
  const unchanged = reports.filter((r) => r.status === "unchanged").length;
  const accepted = reports.every((r) => r.status === "ok" || r.status === "unchanged");
  const result = { batchName: request.batchName, rows: reports, unchanged, accepted };
  if (!accepted || toAdd.length === 0) return { ...result, added: 0 };

  const models = new Set(toAdd.map((v) => v.device.model));
  await writeBatch(db, clock, {
    batch: existingBatch
      ? { existingId: existingBatch.id }
      : {
          create: {
            name: request.batchName,
            model: models.size === 1 ? [...models][0]! : "mixed",
            kind: "factory",
            createdBy: request.actor,
            codesFile: request.filePath,
          },
        },
    devices: toAdd.map((v) => v.device),
    actor: request.actor,
    action: "device_batch.imported",
    details: { file: request.filePath, unchanged },
  });
  return { ...result, added: toAdd.length };
}
