import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { devices } from "./devices";

/**
 * A claim is one consumer's candidate ownership of one device under one Medium One username (design §3).
 * Several pending claims of one device may exist; the first one the device redeems becomes `owner`, and the
 * others are `cancelled` in the same transaction.
 */
export const CLAIM_STATES = ["pending", "owner", "cancelled", "expired", "released"] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const claims = pgTable(
  "claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id),
    /** The Medium One login_id, as the consumer chose it. */
    loginId: text("login_id").notNull(),
    state: text("state", { enum: CLAIM_STATES }).notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** A pending claim past this time is ended by the reconciler; an owning claim lives until released. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason"),
  },
  (t) => [
    index("claims_device_state_idx").on(t.deviceId, t.state),
    index("claims_login_id_idx").on(sql`lower(${t.loginId})`),
    index("claims_state_expires_idx").on(t.state, t.expiresAt),
    check("claims_state_check", sql`${t.state} in ('pending', 'owner', 'cancelled', 'expired', 'released')`),
  ],
);

/**
 * Stored stages; `expired` is not stored but read off `expires_at` (see lib/pairing/stage.ts), so no job has to
 * run for a session to expire.
 */
export const SESSION_STAGES = ["created", "scanned", "delivered", "connected", "cancelled"] as const;
export type StoredSessionStage = (typeof SESSION_STAGES)[number];

export const pairingSessions = pgTable(
  "pairing_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id),
    /** SHA-256 of the session token (hex): what the device's `session` is looked up by. */
    sessionIdHex: text("session_id_hex").notNull(),
    stage: text("stage", { enum: SESSION_STAGES }).notNull().default("created"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** The current hello nonce (hex) and its deadline; a new hello replaces it. */
    helloNonceHex: text("hello_nonce_hex"),
    helloNonceExpiresAt: timestamp("hello_nonce_expires_at", { withTimezone: true }),
    scannedAt: timestamp("scanned_at", { withTimezone: true }),
    redeemedAt: timestamp("redeemed_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    connectedAt: timestamp("connected_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
    /** The encrypted credential bundle (base64url); deleted at the ack. The key to it is never stored. */
    bundleNonce: text("bundle_nonce"),
    bundleCiphertext: text("bundle_ciphertext"),
    connectedDetails: jsonb("connected_details").$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex("pairing_sessions_session_id_idx").on(t.sessionIdHex),
    index("pairing_sessions_claim_idx").on(t.claimId, t.createdAt),
    index("pairing_sessions_device_idx").on(t.deviceId, t.createdAt),
    check(
      "pairing_sessions_stage_check",
      sql`${t.stage} in ('created', 'scanned', 'delivered', 'connected', 'cancelled')`,
    ),
  ],
);

export type Claim = typeof claims.$inferSelect;
export type PairingSession = typeof pairingSessions.$inferSelect;
