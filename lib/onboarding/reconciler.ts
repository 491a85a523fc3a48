import "server-only";
import type { Database } from "@/lib/db/client";
import type { Claim, UserDisposition } from "@/lib/db/schema";
import type { MediumOneClient } from "@/lib/medium-one/client";
import { MediumOneError, NotFound } from "@/lib/medium-one/errors";
import type { Clock } from "@/lib/security/clock";
import { takeLease } from "./claim-records";
import type { OnboardingDeps } from "./deps";
import {
  closeClaim,
  findReconcilable,
  pendingWorkOf,
  recordDisposition,
  releaseOwnLease,
  userInUse,
} from "./reconciler-records";
import { isServiceAccount } from "./service-accounts";

export const RECONCILER_TIMING = {
  /** How often the app runs it. */
  intervalMs: 5 * 60_000,
  /** How long one run holds a claim; a crashed run's or a failed Medium One call's claim is retried after it. */
  leaseMs: 2 * 60_000,
  /** A claim whose create was sent this recently is left alone, even past its lifetime: a request may be on it. */
  graceMs: 10 * 60_000,
  /** Claims per run; the rest wait for the next one. */
  limit: 100,
} as const;

export interface ReconcilerDeps {
  db: Database;
  clock: Clock;
  mediumOne: MediumOneClient;
  config: OnboardingDeps["config"];
  log: (line: string) => void;
}

/** What a run does to one claim: end it, tidy an ended one, and decide once about the user it created. */
export type ReconcilerAction = "expire" | "close" | "disable_user" | "list_for_portal" | "keep_user";

export interface ClaimReport {
  claimId: string;
  deviceId: string;
  loginId: string;
  /** The claim's state when the run found it. */
  state: Claim["state"];
  actions: ReconcilerAction[];
  /**
   * `planned` in a dry run; `busy` when another run or a request holds the claim; `skipped` when it changed and
   * has nothing left to do; `failed` leaves it for a later run.
   */
  result: "done" | "planned" | "busy" | "skipped" | "failed";
  /** The failure's class name (never its message). */
  error?: string;
  /** Where the user ended up, when the run decided (`not_found` when Medium One no longer had it). */
  disposition?: UserDisposition;
}

export interface ReconcileSummary {
  dryRun: boolean;
  examined: number;
  expired: number;
  usersDisabled: number;
  usersListedForPortal: number;
  busy: number;
  failed: number;
  /** The run stopped at its limit: more claims may be waiting. */
  more: boolean;
  claims: ClaimReport[];
}

/**
 * One pass of the reconciler (design §3): ends pending claims past their lifetime, releases the usernames and
 * cancels the open sessions of ended claims, and decides once about each user an ended claim created — disabled
 * with a business account, listed for Medium One's portal with a registration-only one. It acts on claim lifetime
 * and cancellation only (a session's expiry alone changes nothing), never touches a user it cannot prove its
 * claim created, and works on each claim under that claim's lease, so runs and saga steps never overlap.
 */
export async function reconcileOnce(
  deps: ReconcilerDeps,
  options: { limit?: number; dryRun?: boolean } = {},
): Promise<ReconcileSummary> {
  const limit = options.limit ?? RECONCILER_TIMING.limit;
  const candidates = await findReconcilable(deps.db, {
    now: deps.clock.now(),
    graceMs: RECONCILER_TIMING.graceMs,
    limit,
  });
  const reports: ClaimReport[] = [];
  for (const claim of candidates) {
    reports.push(options.dryRun ? await planOnly(deps, claim) : await reconcileClaim(deps, claim));
  }
  const count = (test: (r: ClaimReport) => boolean) => reports.filter(test).length;
  // Outside a dry run, `actions` holds the steps that were carried out (a failed claim may have expired first).
  const carriedOut = (r: ClaimReport) => r.result !== "planned";
  return {
    dryRun: options.dryRun ?? false,
    examined: reports.length,
    expired: count((r) => carriedOut(r) && r.actions.includes("expire")),
    usersDisabled: count((r) => r.disposition === "disabled"),
    usersListedForPortal: count((r) => r.disposition === "listed_for_portal"),
    busy: count((r) => r.result === "busy"),
    failed: count((r) => r.result === "failed"),
    more: candidates.length >= limit,
    claims: reports,
  };
}

function reportOf(
  claim: Claim,
  result: ClaimReport["result"],
  actions: ReconcilerAction[] = [],
): ClaimReport {
  return {
    claimId: claim.id,
    deviceId: claim.deviceId,
    loginId: claim.loginId,
    state: claim.state,
    actions,
    result,
  };
}

/** The user's fate, when this claim created it and nobody has decided yet; null when there is nothing to decide. */
async function userActionOf(deps: ReconcilerDeps, claim: Claim): Promise<ReconcilerAction | null> {
  if (!claim.userCreated || claim.userDisposition !== null) return null;
  const ours = isServiceAccount(deps, claim.loginId.trim().toLowerCase());
  if (ours || (await userInUse(deps.db, claim))) return "keep_user";
  return deps.mediumOne.account.can("patchUser") ? "disable_user" : "list_for_portal";
}

async function planOnly(deps: ReconcilerDeps, claim: Claim): Promise<ClaimReport> {
  const actions: ReconcilerAction[] = [];
  const work = await pendingWorkOf(deps.db, claim.id);
  if (claim.state === "pending") actions.push("expire");
  else if (work.openSessions > 0 || work.reservationHeld) actions.push("close");
  const userAction = await userActionOf(deps, claim);
  if (userAction) actions.push(userAction);
  return reportOf(claim, "planned", actions);
}

/** Whether the claim, as re-read under the lease, still has the work its look-up found. */
function stillDue(claim: Claim, now: Date): boolean {
  if (claim.state === "cancelled" || claim.state === "expired") return true;
  const recentCreate =
    claim.createSentAt && claim.createSentAt.getTime() > now.getTime() - RECONCILER_TIMING.graceMs;
  return claim.state === "pending" && claim.expiresAt < now && !recentCreate;
}

async function reconcileClaim(deps: ReconcilerDeps, found: Claim): Promise<ClaimReport> {
  const now = deps.clock.now();
  // The conditional update is the lease: of two runs (or a run and a saga step), one gets the claim.
  const claim = await takeLease(deps.db, found.id, now, RECONCILER_TIMING.leaseMs);
  if (!claim) return reportOf(found, "busy");
  const lease = claim.leaseUntil!;
  if (!stillDue(claim, now)) {
    await releaseOwnLease(deps.db, claim.id, lease);
    return reportOf(found, "skipped");
  }
  const actions: ReconcilerAction[] = [];
  try {
    const closed = await closeClaim(deps.db, claim, lease, now);
    if (!closed) return reportOf(found, "busy");
    if (closed.expired) actions.push("expire");
    else if (closed.sessionsCancelled > 0 || closed.reservationReleased) actions.push("close");

    const userAction = await userActionOf(deps, claim);
    let disposition: UserDisposition | undefined;
    if (userAction) {
      const decided = await decideUser(deps, claim, userAction);
      if (!(await recordDisposition(deps.db, claim, lease, decided.disposition, now, decided.details))) {
        return reportOf(found, "busy", actions);
      }
      actions.push(userAction);
      disposition = decided.disposition;
    }
    await releaseOwnLease(deps.db, claim.id, lease);
    // Another run may have finished the claim between our look-up and our lease: then nothing was left.
    if (actions.length === 0) return reportOf(found, "skipped");
    return { ...reportOf(found, "done", actions), ...(disposition ? { disposition } : {}) };
  } catch (error) {
    // The lease stays until it runs out, so a later run (not this one) tries again.
    const name = error instanceof Error ? error.name : "unknown";
    deps.log(`reconciler: claim ${claim.id} left for a later run (${name})`);
    return { ...reportOf(found, "failed", actions), error: name };
  }
}

/**
 * Carries out the user's fate. A business account disables it; a refusal that will not change on a retry (other
 * than "no such user") puts it on the portal list instead, so no claim is retried forever. Busy, down or no
 * answer throws: the claim is tried again on a later run.
 */
async function decideUser(
  deps: ReconcilerDeps,
  claim: Claim,
  action: ReconcilerAction,
): Promise<{ disposition: UserDisposition; details?: Record<string, unknown> }> {
  if (action === "keep_user") return { disposition: "kept_in_use" };
  if (action === "list_for_portal") {
    return { disposition: "listed_for_portal", details: { because: "account_cannot_disable" } };
  }
  try {
    await deps.mediumOne.account.patchUser(claim.loginId, { disabled: true });
    return { disposition: "disabled" };
  } catch (error) {
    if (error instanceof NotFound) return { disposition: "not_found" };
    if (error instanceof MediumOneError && !error.retryable) {
      return { disposition: "listed_for_portal", details: { because: error.name } };
    }
    throw error;
  }
}
