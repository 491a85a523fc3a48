import "server-only";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { acquirePgliteLock } from "./pglite-lock";

export type Schema = typeof schema;
/** PGlite and PostgreSQL share this type: the app never needs to know which one it has. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget =
  { kind: "pglite"; dir: string } | { kind: "postgres"; url: string; max?: number };

export interface DatabaseHandle {
  db: Database;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/** Opens a database (nothing happens at import time, so `next build` never creates one). */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === "pglite") {
    // PGlite does not create missing parent folders of its data directory.
    fs.mkdirSync(path.dirname(target.dir), { recursive: true, mode: 0o700 });
    const release = acquirePgliteLock(target.dir);
    try {
      const { PGlite } = await import("@electric-sql/pglite");
      const { drizzle } = await import("drizzle-orm/pglite");
      const client = await PGlite.create(target.dir);
      const db = drizzle(client, { schema }) as unknown as Database;
      return {
        db,
        target,
        close: async () => {
          await client.close();
          release();
        },
      };
    } catch (error) {
      release();
      throw error;
    }
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(target.url, { max: target.max ?? 10, onnotice: () => {} });
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, target, close: () => client.end({ timeout: 5 }) };
}

/** Answers whether the database responds, for /api/health. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
