import { describe, expect, it } from "vitest";
import { DEFAULT_PASSWORD_RULE } from "@/lib/onboarding/contract";
import { passwordProblem, passwordStrength, TOO_EASY } from "@/lib/onboarding/password-strength";

const rule = DEFAULT_PASSWORD_RULE;

describe("password strength", () => {
  it.each(["Password123", "Qwerty123456", "Welcome2024!", "Iloveyou123"])(
    "refuses the common password %s as too easy to guess",
    (password) => {
      expect(passwordProblem(password, rule)).toBe(TOO_EASY);
    },
  );

  it("accepts a long password of unrelated words", () => {
    expect(passwordProblem("Granite-Otter-Lantern-73", rule)).toBeNull();
    expect(passwordStrength("Granite-Otter-Lantern-73").score).toBeGreaterThanOrEqual(3);
  });

  it("checks the rule's character classes before the strength", () => {
    expect(passwordProblem("short1A", rule)).toMatch(/at least 10/);
    expect(passwordProblem("granite-otter-lantern-73", rule)).toMatch(/upper-case/);
    expect(passwordProblem("Granite-Otter-Lantern", rule)).toMatch(/digit/);
  });

  it("counts the username against a password built on it", () => {
    const password = "Alicewonder1";
    expect(passwordStrength(password, ["alicewonder"]).score).toBeLessThan(
      passwordStrength(password).score + 1,
    );
    expect(passwordProblem(password, rule, ["alicewonder"])).toBe(TOO_EASY);
  });

  it("follows the configured minimum score", () => {
    const lenient = { ...rule, minScore: 0 };
    expect(passwordProblem("Password123", lenient)).toBeNull();
  });
});
