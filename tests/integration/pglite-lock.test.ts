import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { lockFilePath } from "@/lib/db/pglite-lock";
import { runScript } from "../support/run-script";

let dataDir: string;
let handle: DatabaseHandle | undefined;

beforeAll(() => {
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "onboard-lock-")), "data");
});
afterAll(async () => {
  await handle?.close();
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

describe("one process per embedded database", () => {
  it("a CLI refuses to open the PGlite directory while another process holds it, and says what to do", async () => {
    handle = await openDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
    const result = await runScript("scripts/db-migrate.ts", [], { ONBOARD_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`in use by another Onboard process (pid ${process.pid})`);
    expect(result.stderr).toContain("stop the app");
    expect(result.stderr).toContain("DATABASE_URL");
  });

  it("works once the holder has closed it, and a stale lock from a dead process is taken over", async () => {
    await handle?.close();
    handle = undefined;
    fs.writeFileSync(lockFilePath(path.join(dataDir, "pglite")), "999999");
    const result = await runScript("scripts/db-migrate.ts", [], { ONBOARD_DATA_DIR: dataDir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Migrations applied (pglite).");
    expect(fs.existsSync(lockFilePath(path.join(dataDir, "pglite")))).toBe(false);
  });
});
