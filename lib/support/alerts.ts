import "server-only";
import { and, count, countDistinct, desc, eq, gte, inArray, isNull, max, notInArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { attempts, auditEvents, claims, devices } from "@/lib/db/schema";
import { MULTIPLE_CLIENTS_ALERT } from "@/lib/onboarding/alerts";
import { DAY } from "@/lib/security/clock";

/** Audit actions that are alerts in themselves: shown on the device page and counted on the alerts page. */
export const ALERT_ACTIONS: readonly string[] = [MULTIPLE_CLIENTS_ALERT, "pairing.bad_signature"];

/** Attempt outcomes that are not failures (lib/onboarding records these; anything else is a failed step). */
const PASSING_OUTCOMES = [
  "started",
  "code_ok",
  "already_set_up",
  "username_free",
  "session_issued",
  "session_renewed",
  "connected",
];

export const ALERT_THRESHOLDS = {
  /** Failed attempts on one device within the window. */
  deviceFailures: 3,
  /** Attempts from one client whose code matched no device within the window. */
  unmatchedPerClient: 3,
  windowMs: DAY,
} as const;

export interface ConsoleAlerts {
  /** Devices with pending claims from several clients right now: a resold or photographed box. */
  multipleClients: { deviceId: string; serial: string; clients: number; pendingClaims: number }[];
  /** Devices whose setup failed again and again. */
  repeatedFailures: { deviceId: string; serial: string; failures: number; lastAt: Date }[];
  /** Clients trying codes that match no device (support codes let support find each attempt). */
  unmatchedCodes: { clientKey: string; attempts: number; lastAt: Date }[];
  /** Signed device calls that did not verify: a replayed or forged message. */
  replays: { deviceId: string; serial: string; events: number; lastAt: Date }[];
}

export async function listConsoleAlerts(db: Database, now: Date): Promise<ConsoleAlerts> {
  const since = new Date(now.getTime() - ALERT_THRESHOLDS.windowMs);
  const multipleClients = await db
    .select({
      deviceId: devices.id,
      serial: devices.serial,
      clients: countDistinct(claims.clientKey),
      pendingClaims: count(claims.id),
    })
    .from(claims)
    .innerJoin(devices, eq(devices.id, claims.deviceId))
    .where(eq(claims.state, "pending"))
    .groupBy(devices.id, devices.serial)
    .having(sql`count(distinct ${claims.clientKey}) > 1`)
    .orderBy(desc(countDistinct(claims.clientKey)));

  const repeatedFailures = await db
    .select({
      deviceId: devices.id,
      serial: devices.serial,
      failures: count(attempts.id),
      lastAt: max(attempts.updatedAt).mapWith((v: string | Date) => new Date(v)),
    })
    .from(attempts)
    .innerJoin(devices, eq(devices.id, attempts.deviceId))
    .where(and(gte(attempts.updatedAt, since), notInArray(attempts.outcome, PASSING_OUTCOMES)))
    .groupBy(devices.id, devices.serial)
    .having(sql`count(${attempts.id}) >= ${ALERT_THRESHOLDS.deviceFailures}`)
    .orderBy(desc(count(attempts.id)));

  const unmatchedCodes = await db
    .select({
      clientKey: attempts.clientKey,
      attempts: count(attempts.id),
      lastAt: max(attempts.updatedAt).mapWith((v: string | Date) => new Date(v)),
    })
    .from(attempts)
    .where(and(isNull(attempts.deviceId), gte(attempts.createdAt, since)))
    .groupBy(attempts.clientKey)
    .having(sql`count(${attempts.id}) >= ${ALERT_THRESHOLDS.unmatchedPerClient}`)
    .orderBy(desc(count(attempts.id)));

  const replays = await db
    .select({
      deviceId: devices.id,
      serial: devices.serial,
      events: count(auditEvents.id),
      lastAt: max(auditEvents.at).mapWith((v: string | Date) => new Date(v)),
    })
    .from(auditEvents)
    .innerJoin(devices, eq(devices.id, auditEvents.deviceId))
    .where(and(inArray(auditEvents.action, ["pairing.bad_signature"]), gte(auditEvents.at, since)))
    .groupBy(devices.id, devices.serial)
    .orderBy(desc(count(auditEvents.id)));

  return { multipleClients, repeatedFailures, unmatchedCodes, replays };
}
