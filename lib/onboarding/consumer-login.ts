import "server-only";
import { LockedOut, OutcomeUnknown, Unauthorized } from "@/lib/medium-one/errors";
import type { MediumOneSession } from "@/lib/medium-one/session";
import type { OnboardingDeps } from "./deps";
import { TooManyRequests } from "./errors";
import { takeAll, type SetupLimits } from "./limits";
import { withRetries } from "./retry";

export const foldLoginId = (loginId: string) => loginId.trim().toLowerCase();

/** Medium One's lockout lasts until five minutes pass without an attempt. */
const LOCKOUT_WAIT_SEC = 5 * 60;

/**
 * Logs in as a consumer's own Medium One user, within the login budgets (per login_id and overall), so our server
 * never trips Medium One's bad-login lockout. The budget counts only logins that may have counted as bad there:
 * a success, an outage or a throttle gives its point back, so Medium One trouble never locks anyone out.
 */
export async function loginAsConsumer(
  deps: OnboardingDeps,
  limits: SetupLimits,
  loginId: string,
  password: string,
): Promise<MediumOneSession> {
  const refund = await takeAll([
    [limits.consumerLoginPerLoginId, foldLoginId(loginId)],
    [limits.consumerLoginOverall, "all"],
  ]);
  const session = deps.mediumOne.asUser(loginId, password);
  try {
    await session.login();
  } catch (error) {
    if (error instanceof LockedOut) throw new TooManyRequests(LOCKOUT_WAIT_SEC);
    const mayHaveCounted = error instanceof Unauthorized || error instanceof OutcomeUnknown;
    if (!mayHaveCounted) await refund();
    throw error;
  }
  await refund();
  return session;
}

/** loginAsConsumer, tried again while Medium One is busy or down (a wrong password is never retried). */
export function loginAsConsumerWithRetries(
  deps: OnboardingDeps,
  limits: SetupLimits,
  loginId: string,
  password: string,
): Promise<MediumOneSession> {
  return withRetries(deps, () => loginAsConsumer(deps, limits, loginId, password));
}
