import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@/lib/db/client";
import type { DeviceOperation } from "@/lib/pairing/device-api";
import { deviceRouteHandler } from "@/lib/pairing/device-route";
import { DEVICE_API_PATHS } from "@/lib/pairing/protocol";
import type { Clock } from "@/lib/security/clock";

/**
 * The device API's real route handlers served over HTTP on an ephemeral port, against a test database and clock,
 * so the simulator and benchmarks talk HTTP to exactly the code the app mounts under app/api/v1/pairing.
 */
export async function startDeviceApiServer(
  db: Database,
  clock: Clock,
): Promise<{ url: string; close(): Promise<void> }> {
  const handlers = new Map<string, (request: Request) => Promise<Response>>(
    (Object.keys(DEVICE_API_PATHS) as DeviceOperation[]).map((op) => [
      DEVICE_API_PATHS[op],
      deviceRouteHandler(op, async (request) => ({
        db,
        clock,
        clientKey: request.headers.get("x-test-client") ?? "127.0.0.1",
      })),
    ]),
  );
  const server = http.createServer(async (req, res) => {
    const handler = req.method === "POST" ? handlers.get(req.url ?? "") : undefined;
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await handler(
      new Request(`http://localhost${req.url}`, {
        method: "POST",
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
