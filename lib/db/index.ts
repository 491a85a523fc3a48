import "server-only";
import { getConfig } from "@/lib/config";
import { openDatabase, type Database, type DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";

export type { Database, DatabaseHandle, DatabaseTarget } from "./client";

const CACHE = Symbol.for("onboard.db");
type Holder = { [CACHE]?: Promise<DatabaseHandle> };

/**
 * The app's database, opened on first use and migrated once. Cached on globalThis: Next.js may load this module
 * in several bundles of one process, and a second PGlite on the same directory would corrupt it.
 */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  const holder = globalThis as Holder;
  holder[CACHE] ??= (async () => {
    const config = getConfig();
    const handle = await openDatabase(config.database);
    try {
      await migrateDatabase(handle);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle;
  })().catch((error: unknown) => {
    delete holder[CACHE];
    throw error;
  });
  return holder[CACHE];
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}
