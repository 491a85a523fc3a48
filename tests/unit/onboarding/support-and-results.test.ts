import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OutcomeUnknown, RateLimited, Unavailable } from "@/lib/medium-one/errors";
import { failureOf, runAction } from "@/lib/onboarding/action-result";
import { codeStepSchema } from "@/lib/onboarding/contract";
import { TooManyRequests, UnknownCode, UsernameUnavailable } from "@/lib/onboarding/errors";
import { backoffMs, RETRY } from "@/lib/onboarding/retry";
import { newSupportCode } from "@/lib/onboarding/support-code";

describe("support codes", () => {
  it("are two groups of four Crockford characters, and do not repeat", () => {
    const codes = Array.from({ length: 2000 }, newSupportCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("backoff", () => {
  it("is jittered below an exponential ceiling that is capped", () => {
    expect(backoffMs({ random: () => 0.999 }, 0, new Unavailable("x", "op"))).toBeLessThan(RETRY.baseMs);
    expect(backoffMs({ random: () => 0 }, 3, new Unavailable("x", "op"))).toBe(0);
    expect(backoffMs({ random: () => 0.999 }, 20, new OutcomeUnknown("x", "op"))).toBeLessThan(RETRY.maxMs);
  });

  it("waits at least what a Retry-After asks, up to the cap", () => {
    expect(backoffMs({ random: () => 0 }, 0, new RateLimited("op", 429, 2000))).toBe(2000);
    expect(backoffMs({ random: () => 0 }, 0, new RateLimited("op", 429, 60_000))).toBe(RETRY.maxMs);
  });
});

describe("action results", () => {
  it("puts a setup error's message under its field, with the support code", () => {
    const error = new UsernameUnavailable();
    error.supportCode = "K7Q4-M2XD";
    expect(failureOf(error)).toEqual({
      ok: false,
      fieldErrors: { loginId: [error.message] },
      supportCode: "K7Q4-M2XD",
    });
  });

  it("form-level errors and retryable ones say so", () => {
    expect(failureOf(new TooManyRequests(120))).toMatchObject({
      formError: "Too many tries. Please wait 2 minutes and try again.",
      retryable: true,
    });
  });

  it("anything else becomes a generic message: no vendor or driver text reaches the browser", () => {
    const failure = failureOf(new Error('relation "claims" violates constraint, password=hunter2'));
    expect(JSON.stringify(failure)).not.toMatch(/relation|hunter2|constraint/);
    expect(failure.formError).toMatch(/Something went wrong/);
  });

  it("parses the input on the server again, answering with field errors", async () => {
    const result = await runAction(codeStepSchema, { code: "" }, async () => "never");
    expect(result).toEqual({ ok: false, fieldErrors: { code: ["Enter the code printed on the box."] } });
    const ok = await runAction(z.object({ n: z.coerce.number() }), { n: "4" }, async ({ n }) => n * 2);
    expect(ok).toEqual({ ok: true, data: 8 });
    const thrown = await runAction(codeStepSchema, { code: "ABCD" }, async () => {
      throw new UnknownCode();
    });
    expect(thrown).toMatchObject({ ok: false, fieldErrors: { code: [new UnknownCode().message] } });
  });
});
