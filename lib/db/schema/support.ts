import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { devices } from "./devices";
import { claims, pairingSessions } from "./pairing";
import { staffUsers } from "./staff";

export const REPAIR_LINK_KINDS = ["repair", "password_reset"] as const;
export type RepairLinkKind = (typeof REPAIR_LINK_KINDS)[number];

/**
 * A single-use link support sends to a device's owner (lib/support/repair-links.ts). Only the SHA-256 of its token
 * is stored; opening the page does not spend it, using it does. A password-reset link holds the consumer's new
 * password encrypted under a server key until the device redeems the pairing session that carries it.
 */
export const repairLinks = pgTable(
  "repair_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id),
    /** The owning claim the link was issued for; the link is void once that claim no longer owns the device. */
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    /** SHA-256 (hex) of the token in the link's path. */
    tokenHash: text("token_hash").notNull(),
    kind: text("kind", { enum: REPAIR_LINK_KINDS }).notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => staffUsers.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** The pairing session the link's use opened. */
    pairingSessionId: uuid("pairing_session_id").references(() => pairingSessions.id),
    /** Password reset only: the new password, AES-256-GCM under a key derived from DATA_ENCRYPTION_KEY. */
    heldPassword: text("held_password"),
    /** When the held password reached Medium One (at the device's redemption) and was deleted here. */
    passwordAppliedAt: timestamp("password_applied_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("repair_links_token_hash_idx").on(t.tokenHash),
    index("repair_links_device_idx").on(t.deviceId, t.createdAt),
    index("repair_links_claim_idx").on(t.claimId),
    index("repair_links_created_by_idx").on(t.createdBy),
    index("repair_links_session_idx").on(t.pairingSessionId),
    check("repair_links_kind_check", sql`${t.kind} in ('repair', 'password_reset')`),
    check("repair_links_held_password_check", sql`${t.heldPassword} is null or ${t.kind} = 'password_reset'`),
  ],
);

export type RepairLink = typeof repairLinks.$inferSelect;
