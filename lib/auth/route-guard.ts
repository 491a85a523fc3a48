import "server-only";
import { getConfig } from "@/lib/config";
import { verifyStaff } from "./dal";
import { can, type Permission } from "./permissions";
import type { StaffIdentity } from "./staff-session";

/**
 * Whether a cookie-carrying request comes from the app's own pages. Next.js checks this for server actions only;
 * route handlers that act on the staff cookie check it here. A request without an Origin (a same-origin GET from
 * an old browser, curl) is allowed only for safe methods.
 */
export function sameOrigin(request: Request, publicBaseUrl: string): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return request.method === "GET" || request.method === "HEAD";
  const allowed = new Set([new URL(publicBaseUrl).origin, new URL(request.url).origin]);
  return allowed.has(origin);
}

export type StaffRouteHandler<Ctx> = (
  request: Request,
  staff: StaffIdentity,
  context: Ctx,
) => Promise<Response>;

/**
 * The route-handler guard: same origin, signed in (re-read from the database), and `permission`; otherwise 403 or
 * 401 as JSON, before the handler runs. `export const GET = withStaff("device.read", async (req, staff) => …)`.
 */
export function withStaff<Ctx = unknown>(
  permission: Permission,
  handler: StaffRouteHandler<Ctx>,
  loadStaff: () => Promise<StaffIdentity | null> = verifyStaff,
): (request: Request, context: Ctx) => Promise<Response> {
  return async (request, context) => {
    if (!sameOrigin(request, getConfig().publicBaseUrl)) {
      return Response.json({ error: "cross_origin" }, { status: 403 });
    }
    const staff = await loadStaff();
    if (!staff) return Response.json({ error: "signed_out" }, { status: 401 });
    if (!can(staff.role, permission)) return Response.json({ error: "forbidden" }, { status: 403 });
    return handler(request, staff, context);
  };
}
