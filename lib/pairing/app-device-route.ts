import "server-only";
import { getDb } from "@/lib/db";
import { requestClientKey } from "@/lib/http/request-context";
import { systemClock } from "@/lib/security/clock";
import type { DeviceOperation } from "./device-api";
import { deviceRouteHandler } from "./device-route";

/** The app's device API route: the process's database, the system clock, the caller's keyed address. */
export function deviceRoute(operation: DeviceOperation) {
  return deviceRouteHandler(operation, async (request) => ({
    db: await getDb(),
    clock: systemClock,
    clientKey: requestClientKey(request.headers),
  }));
}
