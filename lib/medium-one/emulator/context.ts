import type { AdjustableClock } from "./clock";
import type { Choices, PasswordRule } from "./choices";
import type { LockoutTracker } from "./lockout";
import type { EmulatorStore, StoredUser } from "./store";

/** What every handler shares: state, settings and the switchable choices. */
export interface EmulatorContext {
  store: EmulatorStore;
  choices: Choices;
  clock: AdjustableClock;
  passwordRule: PasswordRule;
  apiKeys: Map<string, boolean>;
  lockout: LockoutTracker;
}

/** One parsed request below /v2. */
export interface EmulatorRequest {
  method: string;
  /** Decoded path segments below /v2, e.g. ["users", "a@b.c"]. */
  segments: string[];
  query: URLSearchParams;
  body: string;
  ip: string;
  cookies: Map<string, string>;
  /** Set when a 202-then-ready fault applies to this request. */
  acceptedLater?: { readyAfterMs?: number; readyAfterPolls?: number };
}

/** Whether a user can be seen yet; a poll (GET or login) of a pending user counts towards its readiness. */
export function visibleUser(
  context: EmulatorContext,
  loginId: string,
  poll: boolean,
): StoredUser | undefined {
  const user = context.store.state.users[loginId];
  if (!user) return undefined;
  if (user.pollsUntilVisible !== undefined && poll) {
    user.pollsUntilVisible -= 1;
    if (user.pollsUntilVisible <= 0) delete user.pollsUntilVisible;
    context.store.save();
  }
  if (user.visibleAt !== undefined && context.clock.now().getTime() >= user.visibleAt) {
    delete user.visibleAt;
    context.store.save();
  }
  return user.pollsUntilVisible === undefined && user.visibleAt === undefined ? user : undefined;
}
