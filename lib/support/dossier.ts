import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import {
  attempts,
  auditEvents,
  claims,
  deviceBatches,
  devices,
  pairingSessions,
  repairLinks,
  staffUsers,
  termsAcceptances,
  type Claim,
  type TermsAcceptance,
} from "@/lib/db/schema";
import { sessionStage, type SessionStage } from "@/lib/pairing/stage";
import { ALERT_ACTIONS } from "./alerts";
import { listDeviceLocks, type LockRow } from "./locks";

const TIMELINE_LIMIT = 200;

export interface SessionView {
  id: string;
  claimId: string;
  stage: SessionStage;
  createdAt: Date;
  expiresAt: Date;
  scannedAt: Date | null;
  redeemedAt: Date | null;
  deliveredAt: Date | null;
  connectedAt: Date | null;
  cancelReason: string | null;
}

export interface TimelineEntry {
  at: Date;
  /** `audit` events and `attempt` records, merged. */
  source: "audit" | "attempt";
  what: string;
  actor: string | null;
  supportCode: string | null;
  reason: string | null;
  detail: string | null;
}

export interface LinkView {
  id: string;
  kind: "repair" | "password_reset";
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  passwordHeld: boolean;
  passwordAppliedAt: Date | null;
}

export interface DeviceDossier {
  device: {
    id: string;
    serial: string;
    model: string;
    status: "active" | "retired";
    batch: string;
    batchKind: "dev" | "factory";
    codeLast4: string;
    ownerEpoch: number;
    createdAt: Date;
  };
  owner: Pick<Claim, "id" | "loginId" | "settledAt"> | null;
  claims: Pick<
    Claim,
    "id" | "loginId" | "state" | "createdAt" | "expiresAt" | "endedAt" | "endReason" | "clientKey"
  >[];
  sessions: SessionView[];
  terms: Pick<TermsAcceptance, "claimId" | "loginId" | "termsVersion" | "acceptedAt">[];
  locks: LockRow[];
  alerts: TimelineEntry[];
  links: LinkView[];
  timeline: TimelineEntry[];
}

/**
 * Everything support may read about one device, and nothing secret: no session token hash, nonce or bundle, no
 * link token hash or held password, no box code (its last four only).
 */
export async function deviceDossier(
  db: Database,
  deviceId: string,
  now: Date,
): Promise<DeviceDossier | null> {
  const [device] = await db
    .select({
      id: devices.id,
      serial: devices.serial,
      model: devices.model,
      status: devices.status,
      batch: deviceBatches.name,
      batchKind: deviceBatches.kind,
      codeLast4: devices.codeLast4,
      ownerEpoch: devices.ownerEpoch,
      ownerClaimId: devices.ownerClaimId,
      createdAt: devices.createdAt,
    })
    .from(devices)
    .innerJoin(deviceBatches, eq(deviceBatches.id, devices.batchId))
    .where(eq(devices.id, deviceId));
  if (!device) return null;
  const { ownerClaimId, ...deviceView } = device;

  const claimRows = await db
    .select({
      id: claims.id,
      loginId: claims.loginId,
      state: claims.state,
      createdAt: claims.createdAt,
      expiresAt: claims.expiresAt,
      endedAt: claims.endedAt,
      endReason: claims.endReason,
      clientKey: claims.clientKey,
      settledAt: claims.settledAt,
    })
    .from(claims)
    .where(eq(claims.deviceId, deviceId))
    .orderBy(desc(claims.createdAt));
  const owner = claimRows.find((c) => c.id === ownerClaimId && c.state === "owner") ?? null;

  const sessionRows = await db
    .select({
      id: pairingSessions.id,
      claimId: pairingSessions.claimId,
      stage: pairingSessions.stage,
      createdAt: pairingSessions.createdAt,
      expiresAt: pairingSessions.expiresAt,
      scannedAt: pairingSessions.scannedAt,
      redeemedAt: pairingSessions.redeemedAt,
      deliveredAt: pairingSessions.deliveredAt,
      connectedAt: pairingSessions.connectedAt,
      cancelReason: pairingSessions.cancelReason,
    })
    .from(pairingSessions)
    .where(eq(pairingSessions.deviceId, deviceId))
    .orderBy(desc(pairingSessions.createdAt));

  const terms = await db
    .select({
      claimId: termsAcceptances.claimId,
      loginId: termsAcceptances.loginId,
      termsVersion: termsAcceptances.termsVersion,
      acceptedAt: termsAcceptances.acceptedAt,
    })
    .from(termsAcceptances)
    .where(eq(termsAcceptances.deviceId, deviceId))
    .orderBy(desc(termsAcceptances.acceptedAt));

  const links = await db
    .select({
      id: repairLinks.id,
      kind: repairLinks.kind,
      createdBy: staffUsers.username,
      createdAt: repairLinks.createdAt,
      expiresAt: repairLinks.expiresAt,
      usedAt: repairLinks.usedAt,
      heldPassword: repairLinks.heldPassword,
      passwordAppliedAt: repairLinks.passwordAppliedAt,
    })
    .from(repairLinks)
    .innerJoin(staffUsers, eq(staffUsers.id, repairLinks.createdBy))
    .where(eq(repairLinks.deviceId, deviceId))
    .orderBy(desc(repairLinks.createdAt));

  const timeline = await deviceTimeline(db, deviceId);
  return {
    device: deviceView,
    owner: owner ? { id: owner.id, loginId: owner.loginId, settledAt: owner.settledAt } : null,
    claims: claimRows.map(({ settledAt: _settled, ...claim }) => claim),
    sessions: sessionRows.map((row) => ({ ...row, stage: sessionStage(row, now) })),
    terms,
    locks: await listDeviceLocks(db, deviceId),
    alerts: timeline.filter((entry) => entry.source === "audit" && ALERT_ACTIONS.includes(entry.what)),
    links: links.map(({ heldPassword, ...link }) => ({ ...link, passwordHeld: heldPassword !== null })),
    timeline,
  };
}

/** Audit events and attempts of the device, newest first, each with its support code where it has one. */
async function deviceTimeline(db: Database, deviceId: string): Promise<TimelineEntry[]> {
  const events = await db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.deviceId, deviceId))
    .orderBy(desc(auditEvents.at))
    .limit(TIMELINE_LIMIT);
  const attemptRows = await db
    .select()
    .from(attempts)
    .where(eq(attempts.deviceId, deviceId))
    .orderBy(desc(attempts.updatedAt))
    .limit(TIMELINE_LIMIT);
  // Attempts are not linked to events by code: the claim's attempt carries the support code of events about it.
  const claimAttempt = await supportCodesByClaim(db, deviceId);
  const entries: TimelineEntry[] = [
    ...events.map((event) => {
      const claimId = typeof event.details.claimId === "string" ? event.details.claimId : null;
      return {
        at: event.at,
        source: "audit" as const,
        what: event.action,
        actor: event.actor,
        supportCode: event.supportCode ?? (claimId ? (claimAttempt.get(claimId) ?? null) : null),
        reason: event.reason,
        detail: describeDetails(event.details),
      };
    }),
    ...attemptRows.map((attempt) => ({
      at: attempt.updatedAt,
      source: "attempt" as const,
      what: `attempt: ${attempt.step} → ${attempt.outcome}`,
      actor: null,
      supportCode: attempt.supportCode,
      reason: null,
      detail:
        attempt.createdAt.getTime() === attempt.updatedAt.getTime()
          ? null
          : `began ${attempt.createdAt.toISOString()}`,
    })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, TIMELINE_LIMIT);
}

async function supportCodesByClaim(db: Database, deviceId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ claimId: claims.id, supportCode: attempts.supportCode })
    .from(claims)
    .innerJoin(attempts, eq(attempts.id, claims.attemptId))
    .where(eq(claims.deviceId, deviceId));
  return new Map(rows.map((row) => [row.claimId, row.supportCode]));
}

/** A short, readable line of an event's details (audit details never hold secrets: lib/auth/audit.ts). */
export function describeDetails(details: Record<string, unknown>): string | null {
  const parts = Object.entries(details).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  const text = parts.join(" · ");
  return text.length === 0 ? null : text.length > 300 ? `${text.slice(0, 297)}…` : text;
}
