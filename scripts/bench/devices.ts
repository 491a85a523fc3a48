import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import type { DeviceKeysLine } from "@/lib/devices/batch-files";
import { formatBoxCode, generateBoxCode } from "@/lib/devices/box-code";
import { createDevBatch } from "@/lib/devices/dev-batch";
import { importFactoryBatch } from "@/lib/devices/import-batch";
import { systemClock } from "@/lib/security/clock";

/**
 * `npm run bench:devices`: generates a 100,000-device dev batch and imports a 100,000-row factory file into a
 * throwaway PGlite, printing the rates. Set BENCH_DEVICES to change the size.
 */
const COUNT = Number(process.env.BENCH_DEVICES ?? 100_000);
const KEY = "bench-code-hmac-key-".repeat(2);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-bench-devices-"));
const handle = await openDatabase({ kind: "pglite", dir: path.join(dir, "pglite") });
const rate = (label: string, count: number, ms: number) =>
  console.log(
    `${label.padEnd(28)} ${count} in ${(ms / 1000).toFixed(2)} s = ${Math.round(count / (ms / 1000))} devices/s`,
  );

try {
  await migrateDatabase(handle);

  let started = performance.now();
  const generated = await createDevBatch(handle.db, KEY, systemClock, {
    name: "bench-dev",
    model: "bench",
    serialPrefix: "BENCH",
    specs: Array.from({ length: COUNT }, () => ({ alg: "ed25519" as const, separateKem: false })),
    outDir: path.join(dir, "out"),
    actor: "bench",
  });
  rate("generate (ed25519)", COUNT, performance.now() - started);

  // The import file reuses the generated public keys (half as padded base64) under fresh serials and codes.
  const keys = fs
    .readFileSync(generated.keysFile, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as DeviceKeysLine);
  const rows = keys.map((k, i) => {
    const key =
      i % 2 === 0 ? k.signing_public_key : Buffer.from(k.signing_public_key, "base64url").toString("base64");
    return `FAC-${i + 1},${formatBoxCode(generateBoxCode())},ed25519,${key},bench`;
  });
  const text = ["serial,code,alg,public_key,model", ...rows].join("\n") + "\n";
  const request = {
    text,
    filePath: path.join(dir, "factory.csv"),
    batchName: "bench-factory",
    actor: "bench",
  };

  started = performance.now();
  const imported = await importFactoryBatch(handle.db, KEY, systemClock, request);
  rate(`import (${imported.added} added)`, COUNT, performance.now() - started);

  started = performance.now();
  const again = await importFactoryBatch(handle.db, KEY, systemClock, request);
  rate(`re-import (${again.unchanged} unchanged)`, COUNT, performance.now() - started);
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
