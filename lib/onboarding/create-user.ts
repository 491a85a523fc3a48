import "server-only";
import {
  CreateRefused,
  OutcomeUnknown,
  PasswordRejected,
  Pending,
  UsernameTaken,
  type MediumOneError,
} from "@/lib/medium-one/errors";
import type { OnboardingDeps } from "./deps";
import { withRetries } from "./retry";

/**
 * What one round of create requests established:
 * - `created` (200) and `accepted` (202): this claim made the user;
 * - `duplicate`: the name exists, and nothing of ours was sent before → someone else's user;
 * - `duplicate_after_unknown`: the name exists, but an earlier create of this claim got no answer, so it may be ours;
 * - `password_rejected`;
 * - `unknown` / `not_created`: the retries ran out, after at least one unanswered create, or only after refusals
 *   that prove nothing was made (busy, down).
 */
export type CreateRound =
  | "created"
  | "accepted"
  | "duplicate"
  | "duplicate_after_unknown"
  | "password_rejected"
  | "unknown"
  | "not_created";

export async function createUserRound(
  deps: OnboardingDeps,
  input: {
    loginId: string;
    password: string;
    /** A create of this claim was sent before and its outcome stayed unknown. */
    earlierUnknown: boolean;
    /** Called before every create request is sent (the intent). */
    beforeSend: (send: number) => Promise<void>;
  },
): Promise<CreateRound> {
  let unknown = input.earlierUnknown;
  let send = 0;
  try {
    await withRetries(
      deps,
      async () => {
        await input.beforeSend(++send);
        await deps.mediumOne.account.createUser(input.loginId, input.password);
      },
      (error: MediumOneError) => {
        if (error instanceof OutcomeUnknown) unknown = true;
      },
    );
    return "created";
  } catch (error) {
    if (error instanceof Pending) return "accepted";
    if (error instanceof UsernameTaken || error instanceof CreateRefused) {
      return unknown ? "duplicate_after_unknown" : "duplicate";
    }
    if (error instanceof PasswordRejected) return "password_rejected";
    if (error instanceof OutcomeUnknown) return "unknown";
    if ((error as MediumOneError).retryable) return unknown ? "unknown" : "not_created";
    throw error;
  }
}
