import "server-only";
import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import type { MediumOneClient } from "@/lib/medium-one/client";
import type { Clock } from "@/lib/security/clock";

/** Everything the setup needs from outside, passed in, so the whole flow runs in tests without Next.js. */
export interface OnboardingDeps {
  db: Database;
  clock: Clock;
  mediumOne: MediumOneClient;
  config: Pick<Config, "mode" | "secrets" | "mediumOne" | "onboarding">;
  /** The caller's keyed address group (lib/security/client-ip.ts). */
  clientKey: string;
  /** Waits between Medium One retries; tests pass one that moves a ManualClock instead. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for backoff jitter. */
  random?: () => number;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function sleepOf(deps: Pick<OnboardingDeps, "sleep">): (ms: number) => Promise<void> {
  return deps.sleep ?? realSleep;
}
