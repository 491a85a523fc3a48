import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle, type DatabaseTarget } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

/** `postgres` when TEST_DATABASE_URL is set (CI), otherwise `pglite` in a temporary directory. */
export const testDatabaseKind: "postgres" | "pglite" = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

export interface TestDatabase extends DatabaseHandle {
  /** Closes and deletes the database. */
  destroy(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, empty PostgreSQL database (no migrations) on the TEST_DATABASE_URL server. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `onboard_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Every kind of database this run can test: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const allDatabaseKinds: ("postgres" | "pglite")[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

/** A fresh, migrated database for one test file: PGlite in a temp dir, or a new PostgreSQL database. */
export async function createTestDatabase(
  kind: "postgres" | "pglite" = testDatabaseKind,
): Promise<TestDatabase> {
  let target: DatabaseTarget;
  let remove: () => Promise<void>;
  if (kind === "postgres") {
    const created = await createEmptyPostgresDatabase();
    target = { kind: "postgres", url: created.url, max: 20 };
    remove = created.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-test-"));
    target = { kind: "pglite", dir: path.join(dir, "pglite") };
    remove = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const handle = await openDatabase(target);
  await migrateDatabase(handle);
  return {
    ...handle,
    destroy: async () => {
      await handle.close();
      await remove();
    },
  };
}
