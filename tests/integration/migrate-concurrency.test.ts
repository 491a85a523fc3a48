import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { createEmptyPostgresDatabase, testDatabaseKind } from "../support/test-db";
import { runScript } from "../support/run-script";

const S = "s".repeat(40);
const deployedEnv = {
  CODE_HMAC_KEY: S,
  IP_HASH_KEY: S,
  AUTH_SECRET: S,
  DATA_ENCRYPTION_KEY: S,
  MEDIUM_ONE_BASE_URL: "http://127.0.0.1:9/v2/",
  MEDIUM_ONE_API_KEY: "k",
  MEDIUM_ONE_DEVICE_API_KEY: "d",
  MEDIUM_ONE_LOGIN_ID: "biz",
  MEDIUM_ONE_PASSWORD: "pw",
  MEDIUM_ONE_PROJECT_MQTT_ID: "abcdefghijk",
};

const drops: (() => Promise<void>)[] = [];
afterAll(async () => Promise.all(drops.map((d) => d())));

if (testDatabaseKind === "postgres") {
  describe("migrations on PostgreSQL", () => {
    it("two processes migrating one empty database at once both finish cleanly, and migrate once", async () => {
      const { url, drop } = await createEmptyPostgresDatabase();
      drops.push(drop);
      const env = { ...deployedEnv, DATABASE_URL: url };
      const [a, b] = await Promise.all([
        runScript("scripts/db-migrate.ts", [], env),
        runScript("scripts/db-migrate.ts", [], env),
      ]);
      expect([a.code, a.stderr, b.code, b.stderr]).toEqual([0, "", 0, ""]);
      const client = postgres(url, { max: 1 });
      const [{ n }] =
        (await client`select count(*)::int as n from drizzle.__drizzle_migrations`) as unknown as [
          { n: number },
        ];
      const tables = await client`select tablename from pg_tables where tablename = 'audit_events'`;
      await client.end();
      expect(tables).toHaveLength(1);
      const journal = (await import("@/lib/db/migrations/meta/_journal.json")).default;
      expect(n).toBe(journal.entries.length);
    });

    it("a deployed start without a secret stops with that secret's name", async () => {
      const env: Record<string, string> = { ...deployedEnv, DATABASE_URL: "postgres://127.0.0.1:5432/test" };
      delete env.AUTH_SECRET;
      const result = await runScript("scripts/db-migrate.ts", [], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("AUTH_SECRET: required when DATABASE_URL is set (deployed mode)");
    });
  });
} else {
  describe("migrations on PGlite (set TEST_DATABASE_URL to run the PostgreSQL concurrency test instead)", () => {
    it("two processes migrating one embedded database at once: one migrates, the other refuses by name", async () => {
      const fs = await import("node:fs");
      const os = await import("node:os");
      const path = await import("node:path");
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-mig-"));
      drops.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      const env = { ONBOARD_DATA_DIR: path.join(dir, "data") };
      // Secrets first, so both processes race only on the database.
      await runScript("scripts/db-migrate.ts", [], env);
      const [a, b] = await Promise.all([
        runScript("scripts/db-migrate.ts", [], env),
        runScript("scripts/db-migrate.ts", [], env),
      ]);
      const codes = [a.code, b.code].sort();
      expect(codes[0]).toBe(0);
      // Either they ran one after the other (both 0) or the second was refused with a clear message.
      if (codes[1] !== 0) expect(a.stderr + b.stderr).toContain("in use by another Onboard process");
    });
  });
}
