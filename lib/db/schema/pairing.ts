import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { devices } from "./devices";
import { attempts } from "./onboarding";

/**
 * A claim is one consumer's candidate ownership of one device under one Medium One username (design §3).
 * Several pending claims of one device may exist; the first one the device redeems becomes `owner`, and the
 * others are `cancelled` in the same transaction.
 */
export const CLAIM_STATES = ["pending", "owner", "cancelled", "expired", "released"] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

/**
 * What is known of the Medium One user a claim asked for (lib/onboarding/claim.ts). A reconciler finds half-done
 * claims by it: `unknown` (a create was sent and no answer came), `accepted` (202, not yet confirmed ready),
 * `not_created` (the create failed in a way that proves nothing was made).
 */
export const CREATE_OUTCOMES = [
  "created",
  "accepted",
  "unknown",
  "not_created",
  "taken",
  "password_rejected",
] as const;
export type CreateOutcome = (typeof CREATE_OUTCOMES)[number];

/**
 * What the reconciler did with the Medium One user an ended claim created (lib/onboarding/reconciler.ts), once:
 * `disabled` (business account), `listed_for_portal` (the account cannot disable: an operator does it in Medium
 * One's portal), `not_found` (already gone there), `kept_in_use` (the same user serves a live claim or a device).
 */
export const USER_DISPOSITIONS = ["disabled", "listed_for_portal", "not_found", "kept_in_use"] as const;
export type UserDisposition = (typeof USER_DISPOSITIONS)[number];

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
    /** The claimant's keyed address group: pending-claim caps and alerts count by it. */
    clientKey: text("client_key"),
    attemptId: uuid("attempt_id").references((): AnyPgColumn => attempts.id),
    /** When the last Medium One create was sent (the intent); null while none was. */
    createSentAt: timestamp("create_sent_at", { withTimezone: true }),
    createOutcome: text("create_outcome", { enum: CREATE_OUTCOMES }),
    createOutcomeAt: timestamp("create_outcome_at", { withTimezone: true }),
    /** True once this claim's create is known to have made the user: the only users a reconciler may disable. */
    userCreated: boolean("user_created").notNull().default(false),
    /** A saga step (or a reconciler) holds the claim until then, so two never work on it at once. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** Set once by the reconciler for an ended claim whose user it created; null while it has not decided. */
    userDisposition: text("user_disposition", { enum: USER_DISPOSITIONS }),
    userDispositionAt: timestamp("user_disposition_at", { withTimezone: true }),
  },
  (t) => [
    index("claims_device_state_idx").on(t.deviceId, t.state),
    index("claims_device_client_idx").on(t.deviceId, t.clientKey, t.state),
    index("claims_attempt_idx").on(t.attemptId),
    index("claims_create_outcome_idx").on(t.createOutcome, t.state),
    index("claims_login_id_idx").on(sql`lower(${t.loginId})`),
    index("claims_state_expires_idx").on(t.state, t.expiresAt),
    check("claims_state_check", sql`${t.state} in ('pending', 'owner', 'cancelled', 'expired', 'released')`),
    index("claims_user_disposition_idx").on(t.userDisposition, t.userDispositionAt),
    check(
      "claims_user_disposition_check",
      sql`${t.userDisposition} is null or ${t.userDisposition} in ('disabled', 'listed_for_portal', 'not_found', 'kept_in_use')`,
    ),
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
