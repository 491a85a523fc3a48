import "server-only";
import { eq, ilike, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { claims, deviceBatches, devices } from "@/lib/db/schema";
import { normaliseBoxCode } from "@/lib/devices/box-code";
import { boxCodeHmac } from "@/lib/devices/code-hmac";
import { findAttemptSummary, type AttemptSummary } from "@/lib/onboarding/support-queries";

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
  attempt: AttemptSummary;
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

  const attempt = await findAttemptSummary(db, query);
  if (attempt) hits.push({ kind: "attempt", attempt });
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
