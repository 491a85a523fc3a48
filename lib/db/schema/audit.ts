import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only record of everything that happened: written in the same transaction as the change it records.
 * The code has no update or delete path for this table.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** Who: `system`, `device:<serial>`, `consumer`, `staff:<id>`, `cli:<user>`. */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    deviceId: uuid("device_id"),
    supportCode: text("support_code"),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_device_idx").on(t.deviceId, t.at),
    index("audit_events_action_idx").on(t.action, t.at),
    index("audit_events_actor_idx").on(t.actor, t.at),
    index("audit_events_support_code_idx").on(t.supportCode),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
