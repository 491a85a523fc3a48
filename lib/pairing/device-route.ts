import "server-only";
import { DeviceApiError, deviceOperations, type DeviceApiDeps, type DeviceOperation } from "./device-api";

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

async function readBody(request: Request): Promise<unknown> {
  const tooLarge = () =>
    new DeviceApiError("malformed", `the body must be a JSON object of at most ${MAX_BODY_BYTES} bytes`);
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) throw tooLarge();
  try {
    return JSON.parse(text);
  } catch {
    throw new DeviceApiError("malformed", "the body is not JSON");
  }
}

/**
 * The handler of one device API operation: JSON in, JSON out, one error shape (docs/pairing-protocol.md).
 * `depsFor` supplies the database, clock and caller's key; the app's routes pass the real ones, tests their own.
 */
export function deviceRouteHandler(
  operation: DeviceOperation,
  depsFor: (request: Request) => Promise<DeviceApiDeps>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const body = await readBody(request);
      const result = await deviceOperations[operation](await depsFor(request), body);
      return Response.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (error instanceof DeviceApiError) return errorResponse(error);
      console.error(`device API ${operation} failed:`, error instanceof Error ? error.name : "unknown error");
      return errorResponse(new DeviceApiError("server_error", "the server could not complete the request"));
    }
  };
}
