import "server-only";
import { getDb } from "@/lib/db";
import { readJsonBody, requestClientKey } from "@/lib/http/request-context";
import { systemClock } from "@/lib/security/clock";
import { DeviceApiError, deviceOperations, type DeviceOperation } from "./device-api";

const MAX_BODY_BYTES = 4096;

function errorResponse(error: DeviceApiError): Response {
  return Response.json(
    { error: { code: error.code, message: error.message } },
    {
      status: error.status,
      headers: {
        "Cache-Control": "no-store",
        ...(error.retryAfterSec ? { "Retry-After": String(error.retryAfterSec) } : {}),
      },
    },
  );
}

/** The route handler of one device API operation: JSON in, JSON out, one error shape (docs/pairing-protocol.md). */
export function deviceRoute(operation: DeviceOperation) {
  return async function POST(request: Request): Promise<Response> {
    const body = await readJsonBody(request, MAX_BODY_BYTES);
    try {
      if (!body.ok)
        throw new DeviceApiError("malformed", "the body must be a JSON object of at most 4096 bytes");
      const result = await deviceOperations[operation](
        { db: await getDb(), clock: systemClock, clientKey: requestClientKey(request.headers) },
        body.value,
      );
      return Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (error instanceof DeviceApiError) return errorResponse(error);
      console.error(`device API ${operation} failed:`, error instanceof Error ? error.name : "unknown error");
      return errorResponse(new DeviceApiError("server_error", "the server could not complete the request"));
    }
  };
}
