// A type-only import: this module is browser-safe and must not pull the database schema into a bundle.
import type { StaffRole } from "@/lib/db/schema/staff";

export type { StaffRole };

/**
 * Every console action a staff member can take, by name. Pages, server actions and route handlers ask for one of
 * these through `requirePermission`; nothing compares role strings itself.
 */
export const PERMISSIONS = [
  "device.search",
  "device.read",
  "device.repair_link",
  "device.password_reset_link",
  "device.revoke_pairings",
  "device.unlock",
  "device.release",
  "device.rotate_code",
  "alerts.read",
  "audit.read",
  "staff.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const SUPPORT: readonly Permission[] = [
  "device.search",
  "device.read",
  "device.repair_link",
  "device.password_reset_link",
  "device.revoke_pairings",
  "device.unlock",
  "alerts.read",
];

/**
 * The one map from role to permissions (issue 7): support fixes a consumer's setup; only an admin can hand a device
 * to a new owner, replace its box code, read the audit log or manage staff.
 */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, ReadonlySet<Permission>>> = {
  support: new Set(SUPPORT),
  admin: new Set<Permission>([
    ...SUPPORT,
    "device.release",
    "device.rotate_code",
    "audit.read",
    "staff.manage",
  ]),
};

/** How the console names each role. */
export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = { support: "Support", admin: "Admin" };

export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** A signed-in staff member asked for something their role does not allow. */
export class ForbiddenError extends Error {
  constructor(readonly permission: Permission) {
    super("You do not have permission to do that.");
    this.name = "ForbiddenError";
  }
}

export function requirePermission(staff: { role: StaffRole }, permission: Permission): void {
  if (!can(staff.role, permission)) throw new ForbiddenError(permission);
}
