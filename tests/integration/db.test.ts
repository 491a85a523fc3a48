import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pingDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { auditEvents } from "@/lib/db/schema";
import { checkHealth } from "@/lib/health";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../support/test-db";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.destroy());

describe(`database (${testDatabaseKind})`, () => {
  it("applies the migrations, and applying them again changes nothing", async () => {
    await migrateDatabase(database);
    const now = new Date("2026-11-25T12:00:00Z");
    await database.db.insert(auditEvents).values({ at: now, actor: "system", action: "test.written" });
    await migrateDatabase(database);
    const rows = await database.db.select().from(auditEvents);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.at.toISOString()).toBe(now.toISOString());
    expect(rows[0]?.details).toEqual({});
  });

  it("records every migration once", async () => {
    const result = await database.db.execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    expect(rows[0]?.n).toBeGreaterThanOrEqual(1);
  });
});

describe("health", () => {
  it("is ok when the database answers", async () => {
    const report = await checkHealth({ database: () => pingDatabase(database.db) });
    expect(report.status).toBe("ok");
    expect(report.checks.database?.ok).toBe(true);
  });

  it("is unavailable when a check fails, without repeating the driver's message", async () => {
    const report = await checkHealth({
      database: async () => {
        throw new Error("connect ECONNREFUSED postgres://admin:hunter2@db:5432");
      },
    });
    expect(report.status).toBe("unavailable");
    expect(report.checks.database).toMatchObject({ ok: false, error: "database unreachable" });
    expect(JSON.stringify(report)).not.toContain("hunter2");
  });
});
