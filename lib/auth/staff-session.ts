import "server-only";
import type { Database } from "@/lib/db/client";
import type { StaffRole } from "@/lib/db/schema/staff";
import { findStaffById } from "./staff-users";

/** Who is at the console: what every page, action and route handler gets from the access layer. */
export interface StaffIdentity {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
}

/** What the session cookie (a next-auth JWT) carries: only who signed in and when, never the role. */
export interface StaffSessionClaims {
  staffId: string;
  /** When the sign-in happened, ms since the epoch. */
  authAt: number;
}

/**
 * The staff member behind a session, read from the database on every request: a disabled account, a changed role
 * or a password reset (which ends older sessions) takes effect on the very next request. Null means signed out.
 */
export async function loadStaffForSession(
  db: Database,
  claims: StaffSessionClaims | null,
): Promise<StaffIdentity | null> {
  if (!claims) return null;
  const row = await findStaffById(db, claims.staffId);
  if (!row || row.disabled) return null;
  // A session from the very millisecond of a reset or disable counts as older: refusing it is the safe side.
  if (row.sessionsValidAfter && claims.authAt <= row.sessionsValidAfter.getTime()) return null;
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role };
}
