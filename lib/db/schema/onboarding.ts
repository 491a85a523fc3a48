import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { devices } from "./devices";
import { claims } from "./pairing";

/**
 * One consumer's pass through setup, from the first request that reaches the server (the code step), failed ones
 * included, so support can find it by the support code the page shows even when the code matched no device.
 */
export const ATTEMPT_STEPS = [
  "code",
  "username",
  "claim",
  "pairing",
  "renew",
  "repair",
  "connected",
] as const;
export type AttemptStep = (typeof ATTEMPT_STEPS)[number];

export const attempts = pgTable(
  "attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short human code such as K7Q4-M2XD, from a CSPRNG; shown to the consumer and quoted to support. */
    supportCode: text("support_code").notNull(),
    /** Keyed HMAC of the normalised code as typed (also when it matched no device); never the code. */
    codeHmac: text("code_hmac").notNull(),
    deviceId: uuid("device_id").references(() => devices.id),
    /** Keyed hash of the client's address group (lib/security/client-ip.ts); never the raw address. */
    clientKey: text("client_key").notNull(),
    step: text("step", { enum: ATTEMPT_STEPS }).notNull(),
    /** The last outcome, e.g. unknown_code, code_ok, username_taken, medium_one_unavailable, session_issued. */
    outcome: text("outcome").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("attempts_support_code_idx").on(t.supportCode),
    index("attempts_code_hmac_idx").on(t.codeHmac),
    index("attempts_device_idx").on(t.deviceId, t.createdAt),
    index("attempts_client_idx").on(t.clientKey, t.createdAt),
    index("attempts_created_idx").on(t.createdAt),
  ],
);

/**
 * A username (Medium One login_id) held for one claim, case-folded, so two claims never race to create the same
 * user. `held` rows are unique per name; `released` ones stay as history.
 */
export const RESERVATION_STATES = ["held", "released"] as const;

export const usernameReservations = pgTable(
  "username_reservations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** lower(login_id): Medium One compares login ids without regard to case for our purposes. */
    loginIdFolded: text("login_id_folded").notNull(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    state: text("state", { enum: RESERVATION_STATES }).notNull().default("held"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    releaseReason: text("release_reason"),
  },
  (t) => [
    uniqueIndex("username_reservations_held_idx")
      .on(t.loginIdFolded)
      .where(sql`${t.state} = 'held'`),
    index("username_reservations_login_idx").on(t.loginIdFolded),
    index("username_reservations_claim_idx").on(t.claimId),
    check("username_reservations_state_check", sql`${t.state} in ('held', 'released')`),
  ],
);

/** What the consumer agreed to, when, for which device and username, from where (a keyed hash, never the IP). */
export const termsAcceptances = pgTable(
  "terms_acceptances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id),
    attemptId: uuid("attempt_id").references(() => attempts.id),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => devices.id),
    loginId: text("login_id").notNull(),
    termsVersion: text("terms_version").notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull(),
    /** Keyed hash of the client's address group (the same key as every rate limit), never the raw address. */
    ipHash: text("ip_hash").notNull(),
  },
  (t) => [
    uniqueIndex("terms_acceptances_claim_idx").on(t.claimId),
    index("terms_acceptances_attempt_idx").on(t.attemptId),
    index("terms_acceptances_device_idx").on(t.deviceId, t.acceptedAt),
    index("terms_acceptances_login_idx").on(sql`lower(${t.loginId})`),
  ],
);

export type Attempt = typeof attempts.$inferSelect;
export type UsernameReservation = typeof usernameReservations.$inferSelect;
export type TermsAcceptance = typeof termsAcceptances.$inferSelect;
