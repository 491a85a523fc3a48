import { can, type StaffRole } from "./permissions";

/** The console's sign-in page (also next-auth's `pages.signIn`, and where proxy.ts sends signed-out visitors). */
export const SIGN_IN_PATH = "/support/sign-in";

/** Where a staff member lands after signing in when no page was asked for. */
export function landingPath(role: StaffRole): string {
  return can(role, "staff.manage") ? "/support/staff" : "/support";
}

/**
 * The page to return to after sign-in, only if it is a console page on this site (never an open redirect, never
 * the sign-in page itself); otherwise the role's landing page.
 */
export function safeCallbackPath(callbackUrl: string | undefined, role: StaffRole): string {
  if (
    callbackUrl &&
    /^\/support(\/|$|\?)/.test(callbackUrl) &&
    !callbackUrl.startsWith(SIGN_IN_PATH) &&
    !callbackUrl.includes("//") &&
    !callbackUrl.includes("\\")
  ) {
    return callbackUrl;
  }
  return landingPath(role);
}
