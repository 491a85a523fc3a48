/**
 * Password strength with zxcvbn-ts and its common and English dictionaries. Browser-safe (no server imports), so
 * the form's meter and the server score a password the same way; the server's verdict is the one that counts.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { passwordSchema, type PasswordRule } from "./contract";

let factory: ZxcvbnFactory | undefined;

/** Built on first use: the dictionaries are large, and most requests never score a password. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return factory;
}

export interface PasswordStrength {
  /** 0 (guessed at once) to 4 (very hard to guess). */
  score: number;
  warning: string | null;
  suggestions: string[];
}

/** `context` holds words the password must not lean on, such as the username. */
export function passwordStrength(password: string, context: readonly string[] = []): PasswordStrength {
  const result = estimator().check(password, [...context]);
  return {
    score: result.score,
    warning: result.feedback.warning || null,
    suggestions: result.feedback.suggestions,
  };
}

export const TOO_EASY =
  "This password is too easy to guess. Try a longer one, such as a few unrelated words.";

/** The first problem with a new password under the rule (character classes, then strength), or null. */
export function passwordProblem(
  password: string,
  rule: PasswordRule,
  context: readonly string[] = [],
): string | null {
  const shape = passwordSchema(rule).safeParse(password);
  if (!shape.success) return shape.error.issues[0]?.message ?? TOO_EASY;
  return passwordStrength(password, context).score < rule.minScore ? TOO_EASY : null;
}
