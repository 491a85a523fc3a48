import "server-only";
import { getConfig, type OnboardingConfig } from "@/lib/config";
import { DEFAULT_PASSWORD_RULE, type PasswordRule } from "./contract";

/** The configured password rule (PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE), for the page and the server alike. */
export function passwordRuleOf(onboarding: Pick<OnboardingConfig, "passwordMinLength" | "passwordMinScore">) {
  return {
    ...DEFAULT_PASSWORD_RULE,
    minLength: onboarding.passwordMinLength,
    minScore: onboarding.passwordMinScore,
  } satisfies PasswordRule;
}

export function getPasswordRule(): PasswordRule {
  return passwordRuleOf(getConfig().onboarding);
}
