import "server-only";
import { getDb } from "@/lib/db";
import { requestClientKey } from "@/lib/http/request-context";
import { systemClock } from "@/lib/security/clock";
import type { DeviceApiDeps, DeviceOperation } from "./device-api";
import { deviceRouteHandler } from "./device-route";

/**
 * The app's device API route: the process's database, the system clock, the caller's keyed address, and the hooks
 * the route composes in from outside the protocol (`afterRedeem`).
 */
export function deviceRoute(operation: DeviceOperation, hooks: Pick<DeviceApiDeps, "afterRedeem"> = {}) {
  return deviceRouteHandler(operation, async (request) => ({
    db: await getDb(),
    clock: systemClock,
    clientKey: requestClientKey(request.headers),
    ...hooks,
  }));
}
