/**
 * The browser's way to lib/onboarding/password-strength.ts (the same zxcvbn-ts scoring the server applies): its
 * dictionaries weigh about a megabyte, so the module is fetched with import() the first time the account step asks,
 * never with the page. Browser-safe.
 */
import type { PasswordRule } from "./contract";
import type { PasswordStrength } from "./password-strength";

export type PasswordEstimate = PasswordStrength;

let strengthModule: Promise<typeof import("./password-strength")> | null = null;

/** Starts fetching the estimator (idempotent), e.g. as soon as the account step shows. */
export function loadPasswordEstimator(): Promise<typeof import("./password-strength")> {
  strengthModule ??= import("./password-strength").catch((error: unknown) => {
    strengthModule = null; // a failed chunk load may work on the next try
    throw error;
  });
  return strengthModule;
}

export async function estimatePassword(
  password: string,
  userInputs: string[] = [],
): Promise<PasswordEstimate> {
  const { passwordStrength } = await loadPasswordEstimator();
  return passwordStrength(password, userInputs);
}

export const SCORE_LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;

export function scoreLabel(score: number): string {
  return SCORE_LABELS[Math.min(Math.max(Math.round(score), 0), SCORE_LABELS.length - 1)] ?? "Very weak";
}

/** The message for a password the estimator finds too guessable (with its reason), or null when strong enough. */
export function strengthProblem(estimate: PasswordEstimate, rule: PasswordRule): string | null {
  if (estimate.score >= rule.minScore) return null;
  const detail = estimate.warning ?? estimate.suggestions[0];
  return `This password is too easy to guess${detail ? `: ${detail.replace(/\.$/, "")}` : ""}. Add more words or characters.`;
}
