import "server-only";
import { getDb } from "@/lib/db";
import type { Database } from "@/lib/db/client";
import { systemClock, type Clock } from "@/lib/security/clock";

export interface AuthRuntime {
  db: Database;
  clock: Clock;
}

/** The database and clock the access layer runs on in the app (tests replace this module). */
export async function authRuntime(): Promise<AuthRuntime> {
  return { db: await getDb(), clock: systemClock };
}
