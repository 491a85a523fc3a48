import { setTimeout as delay } from "node:timers/promises";

/** Time as the simulator sees it; tests pass a fake so retries neither sleep nor depend on the wall clock. */
export interface Timing {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1); drives the retry jitter. */
  random(): number;
}

export const realTiming: Timing = {
  now: () => performance.now(),
  sleep: (ms) => delay(ms),
  random: Math.random,
};

const BACKOFF_SECONDS = [1, 2, 4, 8];

/** §9: 1, 2, 4, 8, 8, … seconds with ±20 % jitter; `attempt` counts retries from 0. */
export function backoffMs(attempt: number, random: () => number): number {
  const base = (BACKOFF_SECONDS[Math.min(attempt, BACKOFF_SECONDS.length - 1)] ?? 8) * 1000;
  return Math.round(base * (0.8 + 0.4 * random()));
}
