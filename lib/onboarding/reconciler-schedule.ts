import "server-only";
import { reconcileOnce, RECONCILER_TIMING, type ReconcilerDeps } from "./reconciler";

export interface ReconcilerSchedule {
  /** The pass started with the schedule. */
  firstPass: Promise<void>;
  /** Runs a pass now unless one is already running (then resolves at once). */
  runNow(): Promise<void>;
  stop(): void;
}

/**
 * Runs the reconciler at start and on an interval in the app's process. A pass never overlaps the previous one;
 * the timer does not keep the process alive; a failed pass is logged by its class (never its message, which may
 * carry driver text) and the next interval tries again.
 */
export function startReconcilerSchedule(
  deps: ReconcilerDeps,
  intervalMs: number = RECONCILER_TIMING.intervalMs,
): ReconcilerSchedule {
  let running = false;
  const runNow = async () => {
    if (running) return;
    running = true;
    try {
      const summary = await reconcileOnce(deps);
      if (summary.examined > 0) deps.log(`reconciler: ${describeSummary(summary)}`);
    } catch (error) {
      deps.log(`reconciler: pass failed (${error instanceof Error ? error.name : "unknown"})`);
    } finally {
      running = false;
    }
  };
  const firstPass = runNow();
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  return { firstPass, runNow, stop: () => clearInterval(timer) };
}

/** One line for logs and the CLI. */
export function describeSummary(summary: Awaited<ReturnType<typeof reconcileOnce>>): string {
  const parts = [
    `${summary.examined} claim(s) examined`,
    `${summary.expired} expired`,
    `${summary.usersDisabled} user(s) disabled`,
    `${summary.usersListedForPortal} listed for the Medium One portal`,
    `${summary.busy} busy`,
    `${summary.failed} failed`,
  ];
  return parts.join(", ") + (summary.more ? " (more waiting)" : "");
}
