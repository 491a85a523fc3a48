import "server-only";
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  max,
  notInArray,
  or,
  sql,
} from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import {
  attempts,
  auditEvents,
  claims,
  devices,
  type AttemptStep,
  type Claim,
  type UserDisposition,
} from "@/lib/db/schema";
import { foldBoxCode } from "@/lib/devices/box-code";
import { MULTIPLE_CLIENTS_ALERT } from "./alerts";

/** What support types: a support code such as K7Q4-M2XD, in any case, with or without the dash. */
export const supportCodeSchema = z
  .string()
  .trim()
  .transform(foldBoxCode)
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{8}$/, { error: "a support code has 8 letters and digits" }))
  .transform((code) => `${code.slice(0, 4)}-${code.slice(4)}`);

export interface AttemptClaim {
  id: string;
  loginId: string;
  state: Claim["state"];
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  createOutcome: Claim["createOutcome"];
  userCreated: boolean;
  userDisposition: UserDisposition | null;
}

export interface AttemptEvent {
  at: Date;
  actor: string;
  action: string;
  reason: string | null;
  /** The event's details with anything secret-looking removed (none should be there; this is the second line). */
  details: Record<string, unknown>;
}

/** What support sees of an attempt at a glance (the console's search hit, the head of the CLI's `show`). */
export interface AttemptSummary {
  supportCode: string;
  createdAt: Date;
  updatedAt: Date;
  step: AttemptStep;
  outcome: string;
  /** Null when the code typed matched no device. */
  device: { id: string; serial: string; model: string } | null;
}

export interface AttemptDetail extends AttemptSummary {
  claims: AttemptClaim[];
  events: AttemptEvent[];
}

const SECRET_LOOKING = /password|secret|token|nonce|hmac|cipher|bundle|key$/i;
const EVENT_LIMIT = 500;

function withoutSecrets(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !SECRET_LOOKING.test(key)));
}

async function lookUpAttempt(db: Database, typed: string) {
  const parsed = supportCodeSchema.safeParse(typed);
  if (!parsed.success) return null;
  const [row] = await db
    .select({ attempt: attempts, device: { id: devices.id, serial: devices.serial, model: devices.model } })
    .from(attempts)
    .leftJoin(devices, eq(devices.id, attempts.deviceId))
    .where(eq(attempts.supportCode, parsed.data));
  return row ?? null;
}

function summaryOf({
  attempt,
  device,
}: NonNullable<Awaited<ReturnType<typeof lookUpAttempt>>>): AttemptSummary {
  const { supportCode, createdAt, updatedAt, step, outcome } = attempt;
  return { supportCode, createdAt, updatedAt, step, outcome, device };
}

/**
 * The attempt a support code names (typed in any case, with or without the dash): when, the step reached, its
 * outcome and the device once the code matched one. Null for a code that names no attempt (or is not one at all).
 */
export async function findAttemptSummary(db: Database, typed: string): Promise<AttemptSummary | null> {
  const row = await lookUpAttempt(db, typed);
  return row ? summaryOf(row) : null;
}

/**
 * One attempt as support sees it in full: its summary, its claims and their states, and the audit events that name
 * the attempt, its support code or its claims. Never a password, a code or a secret. Null as findAttemptSummary.
 */
export async function findAttemptBySupportCode(db: Database, typed: string): Promise<AttemptDetail | null> {
  const row = await lookUpAttempt(db, typed);
  if (!row) return null;
  const { attempt } = row;
  const claimRows = await db
    .select()
    .from(claims)
    .where(eq(claims.attemptId, attempt.id))
    .orderBy(asc(claims.createdAt));
  const claimIds = claimRows.map((c) => c.id);
  const linked = [
    eq(auditEvents.supportCode, attempt.supportCode),
    sql`${auditEvents.details}->>'attemptId' = ${attempt.id}`,
    ...(claimIds.length > 0
      ? [
          inArray(sql`${auditEvents.details}->>'claimId'`, claimIds),
          // device.owner_settled lists the claims the winning redemption cancelled.
          sql`(${auditEvents.details}->'cancelledClaims') ?| array[${sql.join(
            claimIds.map((id) => sql`${id}`),
            sql`, `,
          )}]::text[]`,
        ]
      : []),
  ];
  const events = await db
    .select()
    .from(auditEvents)
    .where(or(...linked))
    .orderBy(asc(auditEvents.at))
    .limit(EVENT_LIMIT);
  return {
    ...summaryOf(row),
    claims: claimRows.map((c) => ({
      id: c.id,
      loginId: c.loginId,
      state: c.state,
      createdAt: c.createdAt,
      expiresAt: c.expiresAt,
      endedAt: c.endedAt,
      endReason: c.endReason,
      createOutcome: c.createOutcome,
      userCreated: c.userCreated,
      userDisposition: c.userDisposition,
    })),
    events: events.map((e) => ({
      at: e.at,
      actor: e.actor,
      action: e.action,
      reason: e.reason,
      details: withoutSecrets(e.details),
    })),
  };
}

/** Outcomes of a step that went as the consumer meant; every other outcome is a failure (see attempts.ts). */
const SUCCESS_OUTCOMES = [
  "started",
  "code_ok",
  "already_set_up",
  "username_free",
  "username_taken",
  "session_issued",
  "session_renewed",
  "connected",
];

export interface Alerts {
  /** Devices with live pending claims from more than one client: a resold or photographed box? */
  multipleClients: {
    deviceId: string;
    serial: string;
    clients: number;
    pendingClaims: number;
    /** When the claim-time alert (an audit event) was last raised for it. */
    lastAlertAt: Date | null;
  }[];
  /** Clients (keyed address groups, shortened) whose attempts in the window failed repeatedly. */
  repeatedFailures: { client: string; failures: number; lastAt: Date }[];
  /** Clients (shortened as above) whose typed codes matched no device repeatedly in the window: guessing? */
  unmatchedCodes: { client: string; attempts: number; lastAt: Date }[];
  /** Redeem, ack or connected calls whose signature did not verify, per device, in the window. */
  badSignatures: { deviceId: string; serial: string; count: number; lastAt: Date }[];
  /** Users the reconciler could not disable (registration-only account): remove them in Medium One's portal. */
  portalCleanup: {
    claimId: string;
    loginId: string;
    deviceId: string;
    serial: string;
    endReason: string | null;
    listedAt: Date;
  }[];
}

export const ALERT_DEFAULTS = {
  /** Failures, unmatched codes and bad signatures count within this window. */
  windowHours: 24,
  /** Failed attempts (or codes that matched no device) from one client before it is listed. */
  failureThreshold: 3,
  /** Rows per list. */
  limit: 100,
} as const;

export interface AlertOptions {
  now: Date;
  windowHours?: number;
  failureThreshold?: number;
  limit?: number;
}

/** What support should look at now (the support console and `npm run attempts -- alerts`). */
export async function listAlerts(db: Database, options: AlertOptions): Promise<Alerts> {
  const since = new Date(
    options.now.getTime() - (options.windowHours ?? ALERT_DEFAULTS.windowHours) * 3600_000,
  );
  const threshold = options.failureThreshold ?? ALERT_DEFAULTS.failureThreshold;
  const limit = options.limit ?? ALERT_DEFAULTS.limit;
  const [multipleClients, repeatedFailures, unmatchedCodes, badSignatures, portalCleanup] = await Promise.all(
    [
      multipleClientDevices(db, options.now, limit),
      failingClients(db, since, threshold, limit),
      unmatchedCodeClients(db, since, threshold, limit),
      badSignatureDevices(db, since, limit),
      portalCleanupList(db, limit),
    ],
  );
  return { multipleClients, repeatedFailures, unmatchedCodes, badSignatures, portalCleanup };
}

/** A keyed hash already; shortened because support only needs to tell clients apart. */
const shortClient = (clientKey: string) => clientKey.slice(0, 12);

async function multipleClientDevices(db: Database, now: Date, limit: number) {
  const lastAlert = db
    .select({ deviceId: auditEvents.deviceId, at: max(auditEvents.at).as("last_alert_at") })
    .from(auditEvents)
    .where(eq(auditEvents.action, MULTIPLE_CLIENTS_ALERT))
    .groupBy(auditEvents.deviceId)
    .as("last_alert");
  const clients = countDistinct(claims.clientKey);
  return db
    .select({
      deviceId: devices.id,
      serial: devices.serial,
      clients,
      pendingClaims: count(claims.id),
      lastAlertAt: lastAlert.at,
    })
    .from(claims)
    .innerJoin(devices, eq(devices.id, claims.deviceId))
    .leftJoin(lastAlert, eq(lastAlert.deviceId, devices.id))
    .where(and(eq(claims.state, "pending"), gt(claims.expiresAt, now)))
    .groupBy(devices.id, devices.serial, lastAlert.at)
    .having(gt(clients, 1))
    .orderBy(desc(clients))
    .limit(limit);
}

async function failingClients(db: Database, since: Date, threshold: number, limit: number) {
  const failures = count(attempts.id);
  const rows = await db
    .select({ clientKey: attempts.clientKey, failures, lastAt: max(attempts.updatedAt) })
    .from(attempts)
    .where(and(gte(attempts.updatedAt, since), notInArray(attempts.outcome, SUCCESS_OUTCOMES)))
    .groupBy(attempts.clientKey)
    .having(gte(failures, threshold))
    .orderBy(desc(failures))
    .limit(limit);
  return rows.map((r) => ({ client: shortClient(r.clientKey), failures: r.failures, lastAt: r.lastAt! }));
}

async function unmatchedCodeClients(db: Database, since: Date, threshold: number, limit: number) {
  const n = count(attempts.id);
  const rows = await db
    .select({ clientKey: attempts.clientKey, attempts: n, lastAt: max(attempts.updatedAt) })
    .from(attempts)
    .where(and(isNull(attempts.deviceId), gte(attempts.createdAt, since)))
    .groupBy(attempts.clientKey)
    .having(gte(n, threshold))
    .orderBy(desc(n))
    .limit(limit);
  return rows.map((r) => ({ client: shortClient(r.clientKey), attempts: r.attempts, lastAt: r.lastAt! }));
}

async function badSignatureDevices(db: Database, since: Date, limit: number) {
  const n = count(auditEvents.id);
  const rows = await db
    .select({ deviceId: devices.id, serial: devices.serial, count: n, lastAt: max(auditEvents.at) })
    .from(auditEvents)
    .innerJoin(devices, eq(devices.id, auditEvents.deviceId))
    .where(and(eq(auditEvents.action, "pairing.bad_signature"), gte(auditEvents.at, since)))
    .groupBy(devices.id, devices.serial)
    .orderBy(desc(n))
    .limit(limit);
  return rows.map((r) => ({ ...r, lastAt: r.lastAt! }));
}

async function portalCleanupList(db: Database, limit: number) {
  const rows = await db
    .select({
      claimId: claims.id,
      loginId: claims.loginId,
      deviceId: devices.id,
      serial: devices.serial,
      endReason: claims.endReason,
      listedAt: claims.userDispositionAt,
    })
    .from(claims)
    .innerJoin(devices, eq(devices.id, claims.deviceId))
    .where(eq(claims.userDisposition, "listed_for_portal"))
    .orderBy(desc(claims.userDispositionAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, listedAt: r.listedAt! }));
}
