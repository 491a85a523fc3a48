import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { newNonce, securityHeaders } from "@/lib/security/headers";
import { SIGN_IN_PATH } from "@/lib/auth/paths";

/** next-auth's session cookie (the `__Secure-` name when served over HTTPS). */
const STAFF_SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Optimistic only (style item 11): a console page without any session cookie goes to sign-in at once. Whether the
 * cookie is valid, and what its holder may do, is decided by lib/auth/dal.ts in every page, action and route.
 */
function staffSignInRedirect(request: NextRequest): URL | null {
  const { pathname, search } = request.nextUrl;
  const isConsole = pathname === "/support" || pathname.startsWith("/support/");
  if (!isConsole || pathname === SIGN_IN_PATH || pathname.startsWith(`${SIGN_IN_PATH}/`)) return null;
  // A chunked cookie (large JWT) is named `<name>.0`.
  const names = request.cookies.getAll().map((c) => c.name.replace(/\.\d+$/, ""));
  if (STAFF_SESSION_COOKIES.some((name) => names.includes(name))) return null;
  const target = new URL(SIGN_IN_PATH, request.url);
  target.searchParams.set("callbackUrl", `${pathname}${search}`);
  return target;
}

/**
 * Runs before every page and route: a fresh CSP nonce per request (Next reads it from the request's CSP header
 * and puts it on its own scripts) and the security headers on the response.
 */
export function proxy(request: NextRequest) {
  const config = getConfig();
  const headers = securityHeaders({
    nonce: newNonce(),
    https: config.mode === "deployed" && config.publicBaseUrl.startsWith("https://"),
    development: process.env.NODE_ENV === "development",
  });
  const signIn = staffSignInRedirect(request);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  // Always overwritten, so a page can trust it to build the sign-in link back to itself (lib/auth/dal.ts).
  requestHeaders.set("x-onboard-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = signIn
    ? NextResponse.redirect(signIn)
    : NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
