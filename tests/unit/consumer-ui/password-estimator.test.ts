import { describe, expect, it } from "vitest";
import { DEFAULT_PASSWORD_RULE } from "@/lib/onboarding/contract";
import { estimatePassword, strengthProblem } from "@/lib/onboarding/password-estimator";

describe("password estimator", () => {
  it("refuses common passwords that still meet the character rule", async () => {
    const estimate = await estimatePassword("Password123");
    expect(estimate.score).toBeLessThan(DEFAULT_PASSWORD_RULE.minScore);
    expect(strengthProblem(estimate, DEFAULT_PASSWORD_RULE)).toMatch(/^This password is too easy to guess/);
  });

  it("counts the username as a guessable word", async () => {
    expect((await estimatePassword("Zorblaxquintreth9")).score).toBe(4);
    expect((await estimatePassword("Zorblaxquintreth9", ["zorblaxquintreth"])).score).toBeLessThan(
      DEFAULT_PASSWORD_RULE.minScore,
    );
  });

  it("accepts a long unusual passphrase", async () => {
    const estimate = await estimatePassword("Velvet7-Harbor-Quilt-Mango");
    expect(estimate.score).toBeGreaterThanOrEqual(DEFAULT_PASSWORD_RULE.minScore);
    expect(strengthProblem(estimate, DEFAULT_PASSWORD_RULE)).toBeNull();
  });
});
