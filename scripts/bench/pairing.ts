/**
 * Redemptions per second on one instance: the device API's real route handlers over HTTP, on PGlite (default) or
 * PostgreSQL (BENCH_DATABASE_URL), with signature checks and ownership settlement, N devices each redeeming once.
 *
 *   npm run bench:pairing [-- --devices 400 --concurrency 16]
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DatabaseTarget } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { ManualClock } from "@/lib/security/clock";
import { startDeviceApiServer } from "../../tests/support/device-api-server";
import { deviceSide, openSession, registerDevice } from "../../tests/support/pairing-fixtures";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const DEVICES = arg("devices", 400);
const CONCURRENCY = arg("concurrency", 16);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-bench-pairing-"));
const target: DatabaseTarget = process.env.BENCH_DATABASE_URL
  ? { kind: "postgres", url: process.env.BENCH_DATABASE_URL, max: CONCURRENCY + 4 }
  : { kind: "pglite", dir: path.join(tmp, "pglite") };
const handle = await openDatabase(target);
await migrateDatabase(handle);
const clock = new ManualClock(new Date());
const server = await startDeviceApiServer(handle.db, clock);

async function post(pathname: string, body: unknown) {
  const response = await fetch(`${server.url}${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-test-client": randomBytes(6).toString("hex") },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${pathname} → ${response.status} ${await response.text()}`);
  return response.json() as Promise<{ nonce: string }>;
}

try {
  console.log(`Preparing ${DEVICES} devices with one pending claim each (${target.kind})…`);
  const ready: { body: unknown }[] = [];
  for (let i = 0; i < DEVICES; i++) {
    const { row, keys } = await registerDevice(handle.db, clock, i % 3 === 1 ? "p256" : "ed25519");
    const { token } = await openSession(handle.db, clock, row, `bench${i}`);
    const device = deviceSide(keys, token);
    const { nonce } = await post("/api/v1/pairing/hello", device.hello());
    ready.push({ body: device.redeem(nonce) });
  }

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ready.length) {
        const job = ready[next++]!;
        const t0 = performance.now();
        await post("/api/v1/pairing/redeem", job.body);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  console.log(`\nRedemptions (${target.kind}, concurrency ${CONCURRENCY}, ${DEVICES} devices)`);
  console.log(`  throughput  ${(DEVICES / seconds).toFixed(1)} redemptions/s`);
  console.log(`  latency     p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms`);
} finally {
  await server.close();
  await handle.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
