import "server-only";
import { limiter, RateLimitedError, type Limiter } from "@/lib/security/rate-limit";
import type { OnboardingDeps } from "./deps";
import { TooManyRequests } from "./errors";

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Every rate limit and budget of the setup, counted in the database (shared by all instances). Limits on the
 * request itself (per client) are fixed here; caps and budgets that an operator tunes come from the configuration.
 */
export function setupLimits(deps: OnboardingDeps) {
  const { db } = deps;
  const o = deps.config.onboarding;
  const loginWindowSec = o.consumerLoginWindowMinutes * 60;
  return {
    /** Codes that matched no device: a guesser is slowed per client and all guessers together. */
    unknownCodePerClient: limiter(db, "setup-unknown-code-client", {
      points: o.unknownCodesPerClientPerHour,
      durationSec: HOUR,
      blockSec: HOUR,
    }),
    unknownCodeGlobal: limiter(db, "setup-unknown-code-global", {
      points: o.unknownCodesPerHour,
      durationSec: HOUR,
    }),
    usernameCheckPerClient: limiter(db, "setup-username-check-client", { points: 60, durationSec: 600 }),
    claimPerClient: limiter(db, "setup-claim-client", { points: 30, durationSec: HOUR }),
    renewPerClient: limiter(db, "setup-renew-client", { points: 20, durationSec: HOUR }),
    repairPerClient: limiter(db, "setup-repair-client", { points: 10, durationSec: HOUR }),
    statusPerClient: limiter(db, "setup-status-client", { points: 300, durationSec: 60 }),
    userCreationsPerDevice: limiter(db, "setup-user-creations-device", {
      points: o.userCreationsPerDevicePerDay,
      durationSec: DAY,
    }),
    userCreationsPerClient: limiter(db, "setup-user-creations-client", {
      points: o.userCreationsPerClientPerDay,
      durationSec: DAY,
    }),
    consumerLoginPerLoginId: limiter(db, "setup-consumer-login-id", {
      points: o.consumerLoginsPerLoginId,
      durationSec: loginWindowSec,
    }),
    consumerLoginOverall: limiter(db, "setup-consumer-login-all", {
      points: o.consumerLoginsOverall,
      durationSec: loginWindowSec,
    }),
  };
}

export type SetupLimits = ReturnType<typeof setupLimits>;

/** Counts one hit, turning the limiter's refusal into the consumer-facing TooManyRequests. */
export async function take(l: Limiter, key: string): Promise<void> {
  try {
    await l.consume(key);
  } catch (error) {
    if (error instanceof RateLimitedError) throw new TooManyRequests(error.retryAfterSec);
    throw error;
  }
}

/**
 * Counts one hit on each (limiter, key) pair, all or nothing: when one refuses, the hits already counted are
 * given back, so a refusal by one budget never spends another.
 */
export async function takeAll(pairs: readonly (readonly [Limiter, string])[]): Promise<() => Promise<void>> {
  const taken: (readonly [Limiter, string])[] = [];
  const refundAll = async () => {
    for (const [l, key] of taken) await l.refund(key);
  };
  try {
    for (const pair of pairs) {
      await take(pair[0], pair[1]);
      taken.push(pair);
    }
  } catch (error) {
    await refundAll();
    throw error;
  }
  return refundAll;
}
