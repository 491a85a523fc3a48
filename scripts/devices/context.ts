import os from "node:os";
import { getConfig, type Config } from "@/lib/config";
import { openDatabase, type Database } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { devBatchesAllowed } from "@/lib/devices/queries";
import { systemClock, type Clock } from "@/lib/security/clock";

/** A bad argument or option: exit code 2, with the message and a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface RegistryContext {
  db: Database;
  config: Config;
  clock: Clock;
  /** Recorded as created_by and as the audit actor. */
  actor: string;
  allowDev: boolean;
}

/** Opens the configured database (the PGlite lock refuses while the app runs), migrated, for one command. */
export async function withRegistry(body: (context: RegistryContext) => Promise<number>): Promise<number> {
  const config = getConfig();
  const handle = await openDatabase(config.database);
  try {
    await migrateDatabase(handle);
    return await body({
      db: handle.db,
      config,
      clock: systemClock,
      actor: `cli:${os.userInfo().username}`,
      allowDev: devBatchesAllowed(config.mode),
    });
  } finally {
    await handle.close();
  }
}

/** Parses an option with a zod schema; the first issue's message becomes a usage error. */
export function parseOption<T>(
  schema: {
    safeParse(
      value: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "invalid option");
  return parsed.data;
}

export function rate(count: number, milliseconds: number): string {
  const seconds = milliseconds / 1000;
  return `${count} in ${seconds.toFixed(2)} s (${Math.round(count / Math.max(seconds, 0.001))} devices/s)`;
}
