import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const STAFF_ROLES = ["support", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Support console accounts (lib/auth). The username is stored case-folded, so `Alice` and `alice` are one account.
 * Passwords are argon2id hashes only.
 */
export const staffUsers = pgTable(
  "staff_users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Case-folded (lower-case) at every write and lookup: lib/auth/staff-users.ts foldUsername. */
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").$type<StaffRole>().notNull(),
    disabled: boolean("disabled").notNull().default(false),
    /** Failed sign-ins since the last success (shown to admins; the lockout itself is counted by the limiters). */
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** Sessions signed in before this moment are refused: set by a password reset and by disabling. */
    sessionsValidAfter: timestamp("sessions_valid_after", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("staff_users_username_idx").on(t.username),
    index("staff_users_role_idx").on(t.role, t.disabled),
    check("staff_users_role_check", sql`${t.role} in ('support', 'admin')`),
    check("staff_users_username_folded_check", sql`${t.username} = lower(${t.username})`),
  ],
);

export type StaffUser = typeof staffUsers.$inferSelect;
export type NewStaffUser = typeof staffUsers.$inferInsert;
