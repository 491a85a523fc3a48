import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { newNonce, securityHeaders } from "@/lib/security/headers";

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
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
