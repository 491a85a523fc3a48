import "server-only";
import { LockedOut, MediumOneError, Pending, RateLimited } from "@/lib/medium-one/errors";
import { sleepOf, type OnboardingDeps } from "./deps";

/** Medium One calls are tried this often in one request; longer outages end as "try again later". */
export const RETRY = { attempts: 3, baseMs: 250, maxMs: 4000 } as const;

/** Failures worth trying again right away: busy, down, or no answer. Not 202 (poll instead), not a lockout. */
export function isTransient(error: unknown): error is MediumOneError {
  return (
    error instanceof MediumOneError &&
    error.retryable &&
    !(error instanceof Pending) &&
    !(error instanceof LockedOut)
  );
}

/** Full-jitter exponential backoff; a Retry-After from the service wins when it is longer (capped). */
export function backoffMs(deps: Pick<OnboardingDeps, "random">, retry: number, error: unknown): number {
  const ceiling = Math.min(RETRY.maxMs, RETRY.baseMs * 2 ** retry);
  const jittered = Math.floor((deps.random ?? Math.random)() * ceiling);
  const asked = error instanceof RateLimited ? (error.retryAfterMs ?? 0) : 0;
  return Math.min(RETRY.maxMs, Math.max(jittered, asked));
}

/**
 * Calls `op` until it succeeds, fails for good, or RETRY.attempts transient failures have passed (the last one is
 * thrown). `onTransient` sees every transient failure (the create uses it to remember an unknown outcome).
 */
export async function withRetries<T>(
  deps: Pick<OnboardingDeps, "sleep" | "random">,
  op: () => Promise<T>,
  onTransient: (error: MediumOneError) => void = () => undefined,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      if (!isTransient(error)) throw error;
      onTransient(error);
      if (attempt + 1 >= RETRY.attempts) throw error;
      await sleepOf(deps)(backoffMs(deps, attempt, error));
    }
  }
}
