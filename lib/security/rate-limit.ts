import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema/rate-limits";

/**
 * Rate limits and budgets, counted in the database (rate-limiter-flexible's Drizzle store: one atomic upsert per
 * hit), so every app instance shares them, in embedded and deployed mode alike.
 */
export interface LimitSpec {
  /** Hits allowed per window. */
  points: number;
  /** Window length in seconds. */
  durationSec: number;
  /** Once exhausted, refuse for this long instead of until the window ends. */
  blockSec?: number;
}

export class RateLimitedError extends Error {
  constructor(
    readonly limit: string,
    readonly retryAfterSec: number,
  ) {
    super(`rate limited (${limit}); retry in ${retryAfterSec} s`);
    this.name = "RateLimitedError";
  }
}

export interface Limiter {
  readonly name: string;
  /** Counts one hit (or `points`) against `key`; throws RateLimitedError when the limit is exceeded. */
  consume(key: string, points?: number): Promise<void>;
  /** Hits left in the current window, without counting one. */
  remaining(key: string): Promise<number>;
  /** Gives back hits counted earlier that turned out not to count (a login refused by an outage, not a password). */
  refund(key: string, points?: number): Promise<void>;
  /** Clears the counter of `key` (support's unlock). */
  reset(key: string): Promise<void>;
}

const limiters = new WeakMap<Database, Map<string, Limiter>>();

export function limiter(db: Database, name: string, spec: LimitSpec): Limiter {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  const existing = byName.get(name);
  if (existing) return existing;

  const store = new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix: name,
    points: spec.points,
    duration: spec.durationSec,
    blockDuration: spec.blockSec ?? 0,
  });
  const created: Limiter = {
    name,
    async consume(key, points = 1) {
      try {
        await store.consume(key, points);
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          throw new RateLimitedError(name, Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
        }
        throw error;
      }
    },
    async remaining(key) {
      const res = await store.get(key);
      return res ? res.remainingPoints : spec.points;
    },
    async refund(key, points = 1) {
      await store.reward(key, points);
    },
    async reset(key) {
      await store.delete(key);
    },
  };
  byName.set(name, created);
  return created;
}
