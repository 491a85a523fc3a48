import "server-only";
import { eq } from "drizzle-orm";
import { staffUsers, type StaffRole, type StaffUser } from "@/lib/db/schema/staff";
import type { Clock } from "@/lib/security/clock";
import type { AuditEntry, Tx } from "./audit";
import { StaffActionError } from "./errors";
import { generatePassword, hashPassword } from "./passwords";
import {
  findStaffByUsername,
  foldUsername,
  lockEnabledAdmins,
  toStaffSummary,
  type StaffSummary,
} from "./staff-users";

/**
 * Staff account changes, shared by the console's staff page and the staff CLI. Each runs inside the caller's
 * transaction and records an audit event there (who, why, old → new; never a password or its hash).
 */
export interface AccountChangeContext {
  db: Tx;
  clock: Clock;
  /** `staff:<id>` from the console, `cli:<os user>` from the CLI, `system` for the demo accounts. */
  actor: string;
  /** The acting staff member, when it is one: nobody disables or demotes themselves. */
  actingStaffId?: string;
  audit(entry: Omit<AuditEntry, "actor">): Promise<void>;
}

export interface PasswordOutcome {
  staff: StaffSummary;
  /** Set only when the password was generated: shown once, never stored in clear. */
  generatedPassword: string | null;
}

async function choosePassword(
  given: string | undefined,
): Promise<{ hash: string; generated: string | null }> {
  const generated = given === undefined ? generatePassword() : null;
  return { hash: await hashPassword(given ?? generated!), generated };
}

export async function createStaff(
  ctx: AccountChangeContext,
  input: { username: string; displayName: string; role: StaffRole; password?: string; reason: string },
): Promise<PasswordOutcome> {
  const username = foldUsername(input.username);
  if (await findStaffByUsername(ctx.db, username)) {
    throw new StaffActionError("That username is already taken.", "username");
  }
  const password = await choosePassword(input.password);
  const at = ctx.clock.now();
  const [row] = await ctx.db
    .insert(staffUsers)
    .values({
      username,
      displayName: input.displayName,
      passwordHash: password.hash,
      role: input.role,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing()
    .returning();
  // A concurrent create of the same name won the race.
  if (!row) throw new StaffActionError("That username is already taken.", "username");
  await ctx.audit({
    action: "staff.created",
    reason: input.reason,
    new: { staffId: row.id, username, displayName: row.displayName, role: row.role },
  });
  return { staff: toStaffSummary(row), generatedPassword: password.generated };
}

async function loadForChange(ctx: AccountChangeContext, staffId: string): Promise<StaffUser> {
  const [row] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.id, staffId)).for("update");
  if (!row) throw new StaffActionError("That staff member no longer exists.");
  return row;
}

/** Refuses a change that would leave no enabled admin (nobody could manage staff any more). */
async function keepAnAdmin(ctx: AccountChangeContext, target: StaffUser): Promise<void> {
  const admins = await lockEnabledAdmins(ctx.db);
  if (admins.length === 1 && admins[0]?.id === target.id) {
    throw new StaffActionError("This is the last enabled admin; make someone else an admin first.");
  }
}

export async function setStaffDisabled(
  ctx: AccountChangeContext,
  input: { staffId: string; disabled: boolean; reason: string },
): Promise<StaffSummary> {
  if (input.disabled && input.staffId === ctx.actingStaffId) {
    throw new StaffActionError("You cannot disable your own account.");
  }
  const row = await loadForChange(ctx, input.staffId);
  if (row.disabled === input.disabled) return toStaffSummary(row);
  if (input.disabled && row.role === "admin") await keepAnAdmin(ctx, row);
  const at = ctx.clock.now();
  const [updated] = await ctx.db
    .update(staffUsers)
    // Disabling also ends every session, so re-enabling later does not revive one.
    .set({ disabled: input.disabled, updatedAt: at, ...(input.disabled ? { sessionsValidAfter: at } : {}) })
    .where(eq(staffUsers.id, row.id))
    .returning();
  await ctx.audit({
    action: input.disabled ? "staff.disabled" : "staff.enabled",
    reason: input.reason,
    old: { staffId: row.id, username: row.username, disabled: row.disabled },
    new: { staffId: row.id, username: row.username, disabled: input.disabled },
  });
  return toStaffSummary(updated!);
}

export async function setStaffRole(
  ctx: AccountChangeContext,
  input: { staffId: string; role: StaffRole; reason: string },
): Promise<StaffSummary> {
  if (input.staffId === ctx.actingStaffId)
    throw new StaffActionError("You cannot change your own role.", "role");
  const row = await loadForChange(ctx, input.staffId);
  if (row.role === input.role) return toStaffSummary(row);
  if (row.role === "admin" && !row.disabled) await keepAnAdmin(ctx, row);
  const at = ctx.clock.now();
  const [updated] = await ctx.db
    .update(staffUsers)
    .set({ role: input.role, updatedAt: at })
    .where(eq(staffUsers.id, row.id))
    .returning();
  await ctx.audit({
    action: "staff.role_changed",
    reason: input.reason,
    old: { staffId: row.id, username: row.username, role: row.role },
    new: { staffId: row.id, username: row.username, role: input.role },
  });
  return toStaffSummary(updated!);
}

/**
 * A new password (given, or generated and returned once). Ends the account's sessions and clears its lock; the
 * caller also clears the username's sign-in limiter (lib/auth/sign-in-limits.ts) once the transaction commits.
 */
export async function resetStaffPassword(
  ctx: AccountChangeContext,
  input: { staffId: string; password?: string; reason: string },
): Promise<PasswordOutcome> {
  const row = await loadForChange(ctx, input.staffId);
  const password = await choosePassword(input.password);
  const at = ctx.clock.now();
  const [updated] = await ctx.db
    .update(staffUsers)
    .set({
      passwordHash: password.hash,
      sessionsValidAfter: at,
      lockedUntil: null,
      failedSignIns: 0,
      updatedAt: at,
    })
    .where(eq(staffUsers.id, row.id))
    .returning();
  await ctx.audit({
    action: "staff.password_reset",
    reason: input.reason,
    details: { staffId: row.id, username: row.username, generated: password.generated !== null },
  });
  return { staff: toStaffSummary(updated!), generatedPassword: password.generated };
}
