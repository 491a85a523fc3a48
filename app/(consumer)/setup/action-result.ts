/** Reading an action's failure the same way in every step. */
import type { ActionResult } from "@/lib/onboarding/contract";

export type Failure = Extract<ActionResult<unknown, string>, { ok: false }>;

/** The first message for one input, if the server had one. */
export function fieldMessage(failure: Failure | null, field: string): string | undefined {
  const messages = (failure?.fieldErrors as Record<string, string[] | undefined> | undefined)?.[field];
  return messages?.[0];
}

/** A failure for a call that never got an answer (network down, server restarted). */
export function unreachableFailure(): Failure {
  return {
    ok: false,
    fieldErrors: {},
    formError: "We could not reach the server. Check your connection and try again.",
    retryable: true,
  };
}

/** Runs a server action; a thrown error (network, deployment change) becomes a retryable failure. */
export async function callAction<T, F extends string>(
  action: () => Promise<ActionResult<T, F>>,
): Promise<ActionResult<T, F> | Failure> {
  try {
    return await action();
  } catch {
    return unreachableFailure();
  }
}
