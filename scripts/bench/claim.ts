/**
 * Claim latency: the whole claim saga (reservation, Medium One create, login as the new user for its MQTT ID,
 * credential bundle, pairing session) against the in-process Medium One emulator with no injected latency,
 * on PGlite (default) or PostgreSQL (BENCH_DATABASE_URL), N sequential claims on fresh devices.
 *
 *   npm run bench:claim [-- --claims 200]
 */
import { claimDevice } from "@/lib/onboarding/claim";
import { startSetup } from "@/lib/onboarding/start-setup";
import { claimInput, startWorld } from "../../tests/support/onboarding-fixtures";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const CLAIMS = arg("claims", 200);
const WARMUP = 5;

// The test database helper creates (and drops) a fresh database on the server TEST_DATABASE_URL names.
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const world = await startWorld({
  timeoutMs: 10_000,
  database: process.env.BENCH_DATABASE_URL ? "postgres" : "pglite",
});

try {
  console.log(`Preparing ${CLAIMS + WARMUP} devices (${world.testDb.target.kind})…`);
  const jobs = [];
  for (let i = 0; i < CLAIMS + WARMUP; i++) {
    const device = await world.device();
    // A network per claim, so the per-client limits (which a bench is not about) never refuse one.
    const deps = world.deps(`bench-client-${i}`);
    const check = await startSetup(deps, { code: device.code });
    jobs.push({ deps, input: claimInput(check.attemptId, device.code, `bench${i}`) });
  }
  const latencies: number[] = [];
  for (const [i, job] of jobs.entries()) {
    const t0 = performance.now();
    await claimDevice(job.deps, job.input);
    if (i >= WARMUP) latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  console.log(
    `\nClaim latency (${world.testDb.target.kind}, emulator in process, ${CLAIMS} sequential claims)`,
  );
  console.log(`  p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, mean ${mean.toFixed(1)} ms`);
} finally {
  await world.close();
}
