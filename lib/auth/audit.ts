import "server-only";
import { auditEvents } from "@/lib/db/schema/audit";
import type { Database } from "@/lib/db/client";

/** A transaction of the app's database: audit events are written inside the one that makes the change. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface AuditEntry {
  /** `staff:<id>`, `cli:<os user>`, `system` or `anonymous`. */
  actor: string;
  /** What happened, `<thing>.<verb>`: `staff.created`, `device.released`, … */
  action: string;
  /** Why, as the staff member typed it. */
  reason?: string | null;
  deviceId?: string | null;
  supportCode?: string | null;
  /** The value before and after the change (never a password, token or secret). */
  old?: Record<string, unknown> | null;
  new?: Record<string, unknown> | null;
  /** Anything else worth keeping about the event. */
  details?: Record<string, unknown>;
}

/** Appends one audit event. Pass the transaction that makes the change, so both happen or neither does. */
export async function writeAudit(tx: Tx | Database, at: Date, entry: AuditEntry): Promise<void> {
  const details: Record<string, unknown> = { ...entry.details };
  if (entry.old !== undefined) details.old = entry.old;
  if (entry.new !== undefined) details.new = entry.new;
  await tx.insert(auditEvents).values({
    at,
    actor: entry.actor,
    action: entry.action,
    reason: entry.reason ?? null,
    deviceId: entry.deviceId ?? null,
    supportCode: entry.supportCode ?? null,
    details,
  });
}
