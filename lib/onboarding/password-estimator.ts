/**
 * The password strength estimate (zxcvbn-ts with its common and English dictionaries). The dictionaries weigh
 * about a megabyte, so they are loaded with import() the first time an estimate is asked for, never with the page.
 * Browser-safe; the same function works on the server.
 */
import type { PasswordRule } from "./contract";

export interface PasswordEstimate {
  /** 0 (guessed at once) to 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4;
  warning: string | null;
  suggestions: string[];
}

type Estimator = (password: string, userInputs: string[]) => PasswordEstimate;

let estimatorPromise: Promise<Estimator> | null = null;

async function createEstimator(): Promise<Estimator> {
  const [{ ZxcvbnFactory }, common, english] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]);
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return (password, userInputs) => {
    const result = zxcvbn.check(password, userInputs);
    return {
      score: result.score,
      warning: result.feedback.warning || null,
      suggestions: result.feedback.suggestions,
    };
  };
}

/** Starts loading the dictionaries (idempotent), e.g. when the account step appears. */
export function loadPasswordEstimator(): Promise<Estimator> {
  estimatorPromise ??= createEstimator().catch((error: unknown) => {
    estimatorPromise = null; // a failed chunk load may work on the next try
    throw error;
  });
  return estimatorPromise;
}

export async function estimatePassword(
  password: string,
  userInputs: string[] = [],
): Promise<PasswordEstimate> {
  const estimate = await loadPasswordEstimator();
  return estimate(password, userInputs);
}

export const SCORE_LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;

/** The message for a password the estimator finds too guessable, or null when it is strong enough. */
export function strengthProblem(estimate: PasswordEstimate, rule: PasswordRule): string | null {
  if (estimate.score >= rule.minScore) return null;
  const detail = estimate.warning ?? estimate.suggestions[0];
  return `This password is too easy to guess${detail ? `: ${detail.replace(/\.$/, "")}` : ""}. Add more words or characters.`;
}
