import "server-only";
import { asc, count, eq, getTableColumns, inArray } from "drizzle-orm";
import type { Mode } from "@/lib/config";
import type { Database } from "@/lib/db";
import {
  auditEvents,
  deviceBatches,
  devices,
  type Device,
  type DeviceBatch,
  type NewDevice,
} from "@/lib/db/schema";
import type { Clock } from "@/lib/security/clock";
import { boxCodeHmac, boxCodeMatches } from "./code-hmac";

/** Rows per INSERT: large enough to be fast, far below PostgreSQL's 65,535 bind parameters. */
export const INSERT_CHUNK = 1000;

export interface LookupOptions {
  /** False in deployed mode: devices of `dev` batches are then treated as unknown. */
  allowDev: boolean;
}

export function devBatchesAllowed(mode: Mode): boolean {
  return mode !== "deployed";
}

const deviceRecordColumns = {
  ...getTableColumns(devices),
  batchName: deviceBatches.name,
  batchKind: deviceBatches.kind,
};

type DeviceRow = Device & { batchName: string; batchKind: DeviceBatch["kind"] };
export type DeviceRecord = Omit<DeviceRow, "codeHmac">;

function visible(row: DeviceRow | undefined, options: LookupOptions): DeviceRecord | null {
  if (!row || (row.batchKind === "dev" && !options.allowDev)) return null;
  const { codeHmac: _hidden, ...record } = row;
  return record;
}

function selectDevices(db: Database) {
  return db
    .select(deviceRecordColumns)
    .from(devices)
    .innerJoin(deviceBatches, eq(devices.batchId, deviceBatches.id));
}

/** The device a (normalised) box code names, or null; the stored HMAC is compared in constant time. */
export async function findDeviceByCode(
  db: Database,
  codeHmacKey: string,
  normalisedCode: string,
  options: LookupOptions,
): Promise<DeviceRecord | null> {
  const [row] = await selectDevices(db).where(eq(devices.codeHmac, boxCodeHmac(codeHmacKey, normalisedCode)));
  if (!row || !boxCodeMatches(row.codeHmac, codeHmacKey, normalisedCode)) return null;
  return visible(row, options);
}

export async function findDeviceBySerial(
  db: Database,
  serial: string,
  options: LookupOptions,
): Promise<DeviceRecord | null> {
  const [row] = await selectDevices(db).where(eq(devices.serial, serial));
  return visible(row, options);
}

export async function findBatchByName(db: Database, name: string): Promise<DeviceBatch | null> {
  const [batch] = await db.select().from(deviceBatches).where(eq(deviceBatches.name, name));
  return batch ?? null;
}

export interface BatchSummary extends DeviceBatch {
  deviceCount: number;
}

export async function listBatches(db: Database): Promise<BatchSummary[]> {
  const rows = await db
    .select({ batch: deviceBatches, deviceCount: count(devices.id) })
    .from(deviceBatches)
    .leftJoin(devices, eq(devices.batchId, deviceBatches.id))
    .groupBy(deviceBatches.id)
    .orderBy(asc(deviceBatches.createdAt), asc(deviceBatches.name));
  return rows.map(({ batch, deviceCount }) => ({ ...batch, deviceCount }));
}

/** Serial and code HMAC of every device of a batch, in serial order (labels pair them with the plain codes). */
export async function listBatchCodes(
  db: Database,
  batchId: string,
): Promise<{ serial: string; codeHmac: string; model: string }[]> {
  return db
    .select({ serial: devices.serial, codeHmac: devices.codeHmac, model: devices.model })
    .from(devices)
    .where(eq(devices.batchId, batchId))
    .orderBy(asc(devices.serial));
}

export type ExistingDevice = Pick<
  DeviceRow,
  "serial" | "codeHmac" | "signAlg" | "signPublicKey" | "kemAlg" | "kemPublicKey" | "model" | "batchName"
>;

/** Devices already registered under any of these serials or code HMACs (for an import's duplicate checks). */
export async function findExistingDevices(
  db: Database,
  serials: string[],
  codeHmacs: string[],
): Promise<ExistingDevice[]> {
  const columns = {
    serial: devices.serial,
    codeHmac: devices.codeHmac,
    signAlg: devices.signAlg,
    signPublicKey: devices.signPublicKey,
    kemAlg: devices.kemAlg,
    kemPublicKey: devices.kemPublicKey,
    model: devices.model,
    batchName: deviceBatches.name,
  };
  const found: ExistingDevice[] = [];
  const lookups = [
    { column: devices.serial, values: serials },
    { column: devices.codeHmac, values: codeHmacs },
  ];
  for (const { column, values } of lookups) {
    for (let i = 0; i < values.length; i += INSERT_CHUNK) {
      found.push(
        ...(await db
          .select(columns)
          .from(devices)
          .innerJoin(deviceBatches, eq(devices.batchId, deviceBatches.id))
          .where(inArray(column, values.slice(i, i + INSERT_CHUNK)))),
      );
    }
  }
  return found;
}

export type NewDeviceRow = Omit<NewDevice, "id" | "batchId" | "createdAt" | "updatedAt" | "status">;

export interface BatchWrite {
  /** The batch to create, or the id of an existing one to add to. */
  batch: { create: Omit<DeviceBatch, "id" | "createdAt"> } | { existingId: string };
  devices: NewDeviceRow[];
  actor: string;
  /** Audit action for the devices added (creation of a new batch is recorded as `device_batch.created`). */
  action: "device_batch.generated" | "device_batch.imported";
  details: Record<string, unknown>;
}

/** Writes a batch and its devices and their audit events in one transaction, INSERT_CHUNK rows per statement. */
export async function writeBatch(db: Database, clock: Clock, write: BatchWrite): Promise<DeviceBatch> {
  const at = clock.now();
  return db.transaction(async (tx) => {
    let batch: DeviceBatch;
    if ("create" in write.batch) {
      const [created] = await tx
        .insert(deviceBatches)
        .values({ ...write.batch.create, createdAt: at })
        .returning();
      if (!created) throw new Error("the batch insert returned no row");
      batch = created;
      await tx.insert(auditEvents).values({
        at,
        actor: write.actor,
        action: "device_batch.created",
        details: { batch: batch.name, kind: batch.kind, model: batch.model },
      });
    } else {
      const [existing] = await tx
        .select()
        .from(deviceBatches)
        .where(eq(deviceBatches.id, write.batch.existingId))
        .for("update");
      if (!existing) throw new Error("the batch disappeared during the write");
      batch = existing;
    }
    for (let i = 0; i < write.devices.length; i += INSERT_CHUNK) {
      const chunk = write.devices.slice(i, i + INSERT_CHUNK);
      await tx
        .insert(devices)
        .values(chunk.map((d) => ({ ...d, batchId: batch.id, createdAt: at, updatedAt: at })));
    }
    await tx.insert(auditEvents).values({
      at,
      actor: write.actor,
      action: write.action,
      details: { batch: batch.name, devices: write.devices.length, ...write.details },
    });
    return batch;
  });
}
