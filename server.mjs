// Onboard's production server: Next.js behind a plain Node HTTP server, for one reason: Next keeps a client's own
// X-Forwarded-For header and drops the TCP peer address, so a client could pick its own address and escape every
// per-client rate limit. Here the peer address is recorded in `x-onboard-peer`, always overwritten, and
// lib/security/client-ip.ts believes X-Forwarded-For only when that peer is a configured proxy.
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const app = next({ dev: false, port, hostname: "localhost" });
const handle = app.getRequestHandler();

await app.prepare();
const server = http.createServer((req, res) => {
  req.headers["x-onboard-peer"] = req.socket.remoteAddress ?? "";
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Onboard is listening on http://localhost:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
