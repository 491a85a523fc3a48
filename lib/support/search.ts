import "server-only";
import { desc, eq, ilike, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { attempts, claims, deviceBatches, devices, type Attempt } from "@/lib/db/schema";
import { foldBoxCode, normaliseBoxCode } from "@/lib/devices/box-code";
import { boxCodeHmac } from "@/lib/devices/code-hmac";

const MAX_RESULTS = 25;

export interface DeviceHit {
  kind: "device";
  id: string;
  serial: string;
  model: string;
  batch: string;
  owned: boolean;
  codeLast4: string;
  matchedBy: "serial" | "box code" | "username";
}

export interface AttemptHit {
  kind: "attempt";
  attempt: Pick<Attempt, "id" | "supportCode" | "step" | "outcome" | "createdAt" | "updatedAt" | "deviceId">;
  device: { id: string; serial: string } | null;
}

export type SearchHit = DeviceHit | AttemptHit;

const deviceColumns = {
  id: devices.id,
  serial: devices.serial,
  model: devices.model,
  batch: deviceBatches.name,
  ownerClaimId: devices.ownerClaimId,
  codeLast4: devices.codeLast4,
};

/** A support code as read out: case, spaces and look-alikes folded like box codes, the dash put back. */
export function foldSupportCode(query: string): string | null {
  const folded = foldBoxCode(query);
  return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(folded) ? `${folded.slice(0, 4)}-${folded.slice(4)}` : null;
}

/**
 * Everything one search box can mean: a serial (exact, or its start), a box code typed any way a customer reads it
 * out (normalised, then looked up by its HMAC), a Medium One username (any claim under it), or a support code
 * (attempts that matched no device included). Staff see devices of every batch kind.
 */
export async function searchConsole(db: Database, codeHmacKey: string, raw: string): Promise<SearchHit[]> {
  const query = raw.trim();
  if (query.length === 0) return [];
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  const addDevices = (rows: DeviceRow[], by: DeviceHit["matchedBy"]) => {
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      const { ownerClaimId, ...rest } = row;
      hits.push({ kind: "device", ...rest, owned: ownerClaimId !== null, matchedBy: by });
    }
  };

  const escaped = query.replace(/[%_\\]/g, (c) => `\\${c}`);
  addDevices(
    await selectDevices(db)
      .where(or(eq(devices.serial, query), ilike(devices.serial, `${escaped}%`)))
      .orderBy(devices.serial)
      .limit(MAX_RESULTS),
    "serial",
  );

  const code = normaliseBoxCode(query);
  if (code.ok) {
    addDevices(
      await selectDevices(db).where(eq(devices.codeHmac, boxCodeHmac(codeHmacKey, code.code))),
      "box code",
    );
  }

  const byUsername = await db
    .selectDistinct(deviceColumns)
    .from(claims)
    .innerJoin(devices, eq(devices.id, claims.deviceId))
    .innerJoin(deviceBatches, eq(deviceBatches.id, devices.batchId))
    .where(sql`lower(${claims.loginId}) = ${query.toLowerCase()}`)
    .limit(MAX_RESULTS);
  addDevices(byUsername, "username");

  const supportCode = foldSupportCode(query);
  if (supportCode) {
    const rows = await db
      .select({ attempt: attempts, serial: devices.serial })
      .from(attempts)
      .leftJoin(devices, eq(devices.id, attempts.deviceId))
      .where(eq(attempts.supportCode, supportCode))
      .orderBy(desc(attempts.createdAt));
    for (const { attempt, serial } of rows) {
      const { id, supportCode: code, step, outcome, createdAt, updatedAt, deviceId } = attempt;
      hits.push({
        kind: "attempt",
        attempt: { id, supportCode: code, step, outcome, createdAt, updatedAt, deviceId },
        device: attempt.deviceId && serial ? { id: attempt.deviceId, serial } : null,
      });
    }
  }
  return hits;
}

interface DeviceRow {
  id: string;
  serial: string;
  model: string;
  batch: string;
  ownerClaimId: string | null;
  codeLast4: string;
}

function selectDevices(db: Database) {
  return db
    .select(deviceColumns)
    .from(devices)
    .innerJoin(deviceBatches, eq(deviceBatches.id, devices.batchId));
}
