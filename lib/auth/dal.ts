import "server-only";
import { getServerSession } from "next-auth/next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getAuthOptions, parseSessionClaims } from "./options";
import { SIGN_IN_PATH } from "./paths";
import { can, type Permission } from "./permissions";
import { authRuntime } from "./runtime";
import { loadStaffForSession, type StaffIdentity } from "./staff-session";

/**
 * The data access layer's gate (style item 11): every staff page, server action and route handler calls this.
 * Once per request (React `cache`), it reads the session cookie and then the staff row, so a disabled account or a
 * changed role takes effect on the very next request. Null: signed out.
 */
export const verifyStaff = cache(async (): Promise<StaffIdentity | null> => {
  // A request API first: a build-time prerender stops here, before the configuration is read.
  await headers();
  const session = await getServerSession(getAuthOptions());
  const { db } = await authRuntime();
  return loadStaffForSession(db, parseSessionClaims(session));
});

/** For pages: the signed-in staff member, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireStaff(): Promise<StaffIdentity> {
  const staff = await verifyStaff();
  if (!staff) redirect(await signInUrlForThisPage());
  return staff;
}

/**
 * For pages that need a permission: signed-out visitors go to sign-in; a signed-in member without the permission
 * gets a 404, as if the page did not exist (staff/page.tsx and the console pages use this).
 */
export async function requireStaffPermission(permission: Permission): Promise<StaffIdentity> {
  const staff = await requireStaff();
  if (!can(staff.role, permission)) notFound();
  return staff;
}

/** proxy.ts passes the page's path in `x-onboard-path`, so a page can send the visitor back after sign-in. */
async function signInUrlForThisPage(): Promise<string> {
  const path = (await headers()).get("x-onboard-path");
  return path ? `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(path)}` : SIGN_IN_PATH;
}
