import "server-only";
import { getDb } from "@/lib/db";
import { pingDatabase } from "@/lib/db/client";
import { getConfig } from "@/lib/config";
import { probeMediumOne } from "@/lib/medium-one/reachability";

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: "ok" | "unavailable";
  checks: Record<string, CheckResult>;
}

const CHECK_TIMEOUT_MS = 3000;

async function timed(name: string, check: () => Promise<void>): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${name} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // Only the error's class and a fixed message: driver messages can carry connection strings.
    const reason =
      error instanceof Error && error.message.includes("did not answer")
        ? error.message
        : `${name} unreachable`;
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: reason };
  } finally {
    clearTimeout(timer);
  }
}

export type HealthChecks = Record<string, () => Promise<void>>;

export const defaultChecks: HealthChecks = {
  database: async () => pingDatabase(await getDb()),
  // Reachability only, never a login: a health probe must not count towards Medium One's bad-login lockout.
  mediumOne: () => probeMediumOne(getConfig().mediumOne.baseUrl, { timeoutMs: CHECK_TIMEOUT_MS }),
};

export async function checkHealth(checks: HealthChecks = defaultChecks): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await timed(name, check)] as const),
  );
  const results = Object.fromEntries(entries);
  return { status: entries.every(([, r]) => r.ok) ? "ok" : "unavailable", checks: results };
}
