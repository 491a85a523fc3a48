import "server-only";
import { and, asc, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { auditEvents, devices, staffUsers, type AuditEvent } from "@/lib/db/schema";
import type { AuditFilter } from "./schemas";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditPage {
  events: (AuditEvent & { serial: string | null })[];
  page: number;
  hasMore: boolean;
}

/**
 * The audit log, newest first, filtered by staff member (actor `staff:<id>`), device (serial or id), action and
 * time, a page at a time. Read-only: nothing in the code updates or deletes audit events.
 */
export async function readAuditLog(db: Database, filter: AuditFilter): Promise<AuditPage> {
  const conditions: SQL[] = [];
  if (filter.staff) conditions.push(eq(auditEvents.actor, `staff:${filter.staff}`));
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.to) conditions.push(lt(auditEvents.at, filter.to));
  if (filter.device) {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(filter.device);
    const [device] = await db
      .select({ id: devices.id })
      .from(devices)
      .where(
        isUuid
          ? or(eq(devices.id, filter.device), eq(devices.serial, filter.device))
          : eq(devices.serial, filter.device),
      );
    // An unknown device matches no event, rather than silently dropping the filter.
    conditions.push(eq(auditEvents.deviceId, device?.id ?? "00000000-0000-0000-0000-000000000000"));
  }
  const rows = await db
    .select({ event: auditEvents, serial: devices.serial })
    .from(auditEvents)
    .leftJoin(devices, eq(devices.id, auditEvents.deviceId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE);
  return {
    events: rows.slice(0, AUDIT_PAGE_SIZE).map(({ event, serial }) => ({ ...event, serial })),
    page: filter.page,
    hasMore: rows.length > AUDIT_PAGE_SIZE,
  };
}

/** The filter's choices: staff members and the actions that occur. */
export async function auditFilterOptions(db: Database) {
  const staff = await db
    .select({ id: staffUsers.id, username: staffUsers.username })
    .from(staffUsers)
    .orderBy(asc(staffUsers.username));
  const actions = await db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .orderBy(asc(auditEvents.action));
  return { staff, actions: actions.map((a) => a.action) };
}
