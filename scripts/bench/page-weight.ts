/**
 * Measures the JavaScript a page makes the browser download (Next 16's build output no longer prints
 * "First Load JS"), for Onboard's home page and, beside it, for a bare Next.js page built the same way.
 *
 *   npm run bench:page-weight [-- --path /some/page]
 *
 * It builds both apps, starts each with `next start`, loads the page in Chromium and adds up every script
 * response: bytes on the wire (compressed, as served) and bytes decoded.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Each project runs its own copy of Next. */
const nextBin = (dir: string) => path.join(dir, "node_modules/next/dist/bin/next");
const pagePath = process.argv.includes("--path") ? process.argv[process.argv.indexOf("--path") + 1]! : "/";

interface Weight {
  scripts: number;
  wireBytes: number;
  decodedBytes: number;
}

function build(dir: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, [nextBin(dir), "build"], { cwd: dir, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`next build failed in ${dir}`);
}

async function serve(dir: string, port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [nextBin(dir), "start", "-p", String(port)], { cwd: dir, env });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://localhost:${port}${pagePath}`);
      if (res.status < 500) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`next start in ${dir} did not answer on port ${port}:\n${output}`);
}

async function measure(url: string): Promise<Weight> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage();
    const sizes: Promise<{ wire: number; decoded: number }>[] = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() !== "script") return;
      sizes.push(
        (async () => {
          const [s, response] = await Promise.all([request.sizes(), request.response()]);
          const body = response ? await response.body() : Buffer.alloc(0);
          return { wire: s.responseBodySize, decoded: body.length };
        })(),
      );
    });
    await page.goto(url, { waitUntil: "load" });
    // Scripts loaded after `load` (lazy chunks, link prefetches) count too; give them a moment to arrive.
    await page.waitForLoadState("networkidle", { timeout: 5000 }).catch(() => {});
    const all = await Promise.all(sizes);
    return {
      scripts: all.length,
      wireBytes: all.reduce((n, s) => n + s.wire, 0),
      decodedBytes: all.reduce((n, s) => n + s.decoded, 0),
    };
  } finally {
    await browser.close();
  }
}

function bareApp(): string {
  // A project of its own in a temporary folder, with a hard-linked copy of our node_modules (instant, no extra
  // space): Turbopack follows neither a symlinked node_modules outside its root nor, inside our tree, keeps its
  // cache and instrumentation apart from ours.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-bare-next-"));
  fs.mkdirSync(path.join(dir, "app"));
  spawnSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(dir, "node_modules")], {
    stdio: "inherit",
  });
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "bare", private: true, type: "module" }),
  );
  fs.writeFileSync(
    path.join(dir, "app/layout.tsx"),
    'export default function L({ children }: { children: React.ReactNode }) { return <html lang="en"><body>{children}</body></html>; }\n',
  );
  fs.writeFileSync(
    path.join(dir, "app/page.tsx"),
    "export default function P() { return <h1>Hello</h1>; }\n",
  );
  return dir;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const appDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-bench-data-"));
const bare = bareApp();
const results: [string, Weight][] = [];
try {
  build(ROOT, env);
  build(bare, env);
  for (const [name, dir, port, extra] of [
    [
      "onboard",
      ROOT,
      3190,
      { ONBOARD_DATA_DIR: appDataDir, EMULATOR_PORT: "3191", MQTT_EMULATOR_PORT: "3192" },
    ],
    ["bare next.js", bare, 3193, {}],
  ] as const) {
    const server = await serve(dir, port, { ...env, ...extra });
    try {
      results.push([name, await measure(`http://localhost:${port}${pagePath}`)]);
    } finally {
      server.kill();
    }
  }
} finally {
  fs.rmSync(bare, { recursive: true, force: true });
  fs.rmSync(appDataDir, { recursive: true, force: true });
}

console.log(`\nFirst-load JavaScript of ${pagePath}`);
for (const [name, w] of results) {
  console.log(
    `  ${name.padEnd(14)} ${String(w.scripts).padStart(3)} scripts  ${kib(w.wireBytes).padStart(10)} on the wire  ${kib(w.decodedBytes).padStart(10)} decoded`,
  );
}
const [ours, base] = [results[0]![1], results[1]![1]];
console.log(
  `  difference     ${kib(ours.wireBytes - base.wireBytes)} on the wire, ${kib(ours.decodedBytes - base.decodedBytes)} decoded`,
);
