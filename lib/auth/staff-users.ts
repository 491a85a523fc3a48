import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { staffUsers, type StaffRole, type StaffUser } from "@/lib/db/schema/staff";
import type { Tx } from "./audit";

/** What the console and the CLI may show about a staff account (never the password hash). */
export interface StaffSummary {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  disabled: boolean;
  failedSignIns: number;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
  createdAt: Date;
}

/** The one case-folding rule for usernames, at every write and lookup. */
export function foldUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function toStaffSummary(row: StaffUser): StaffSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    disabled: row.disabled,
    failedSignIns: row.failedSignIns,
    lockedUntil: row.lockedUntil,
    lastSignInAt: row.lastSignInAt,
    createdAt: row.createdAt,
  };
}

export async function findStaffByUsername(db: Database | Tx, username: string): Promise<StaffUser | null> {
  const [row] = await db
    .select()
    .from(staffUsers)
    .where(eq(staffUsers.username, foldUsername(username)));
  return row ?? null;
}

export async function findStaffById(db: Database | Tx, id: string): Promise<StaffUser | null> {
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, id));
  return row ?? null;
}

export async function listStaff(db: Database): Promise<StaffSummary[]> {
  const rows = await db.select().from(staffUsers).orderBy(asc(staffUsers.username));
  return rows.map(toStaffSummary);
}

/** Enabled admins, locked for the rest of the transaction so two demotions cannot both leave none. */
export async function lockEnabledAdmins(tx: Tx): Promise<StaffUser[]> {
  return tx
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "admin"), eq(staffUsers.disabled, false)))
    .for("update");
}
