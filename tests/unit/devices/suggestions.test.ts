import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CROCKFORD_ALPHABET,
  LOOK_ALIKES,
  candidateFixes,
  checkCharacter,
  describeFix,
  normaliseBoxCode,
  suggestFix,
} from "@/lib/devices/box-code";

const data = fc
  .array(fc.constantFrom(...CROCKFORD_ALPHABET), { minLength: 15, maxLength: 15 })
  .map((chars) => chars.join(""));
const validCode = data.map((d) => d + checkCharacter(d));

const swapAt = (code: string, i: number) =>
  code.slice(0, i) + code.charAt(i + 1) + code.charAt(i) + code.slice(i + 2);
const replaceAt = (code: string, i: number, c: string) => code.slice(0, i) + c + code.slice(i + 1);

/** A valid code with two different neighbours swapped, and the original. */
const swappedCode = fc
  .tuple(validCode, fc.integer({ min: 0, max: 14 }))
  .filter(([code, i]) => code.charAt(i) !== code.charAt(i + 1))
  .map(([original, i]) => ({ original, typed: swapAt(original, i) }));

/** A valid code with one data character typed as its look-alike, and the original. */
const lookAlikeCode = fc
  .tuple(data, fc.integer({ min: 0, max: 14 }), fc.constantFrom(...LOOK_ALIKES), fc.boolean())
  .map(([d, i, [a, b], forward]) => {
    const [intended, typedAs] = forward ? [a, b] : [b, a];
    const withIntended = replaceAt(d, i, intended);
    const original = withIntended + checkCharacter(withIntended);
    return { original, typed: replaceAt(original, i, typedAs) };
  });

describe("check suggestions", () => {
  it("a swapped or look-alike code always has the original among its candidate fixes", () => {
    fc.assert(
      fc.property(fc.oneof(swappedCode, lookAlikeCode), ({ original, typed }) => {
        expect(normaliseBoxCode(typed)).toMatchObject({ problem: "check_mismatch" });
        expect(candidateFixes(typed).map((f) => f.code)).toContain(original);
      }),
      { numRuns: 2000 },
    );
  });

  it("suggests a fix exactly when one distinct candidate exists, and then it is the original", () => {
    fc.assert(
      fc.property(fc.oneof(swappedCode, lookAlikeCode), ({ original, typed }) => {
        const distinct = new Set(candidateFixes(typed).map((f) => f.code));
        const suggestion = suggestFix(typed);
        if (distinct.size === 1) expect(suggestion?.code).toBe(original);
        else expect(suggestion).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it("both outcomes occur: some typos get a suggestion, ambiguous ones get none", () => {
    const samples = fc.sample(swappedCode, { numRuns: 400, seed: 7 });
    const suggested = samples.filter(({ typed }) => suggestFix(typed) !== null);
    const ambiguous = samples.filter(
      ({ typed }) => new Set(candidateFixes(typed).map((f) => f.code)).size > 1,
    );
    expect(suggested.length).toBeGreaterThan(0);
    expect(ambiguous.length).toBeGreaterThan(0);
    for (const { typed } of ambiguous) expect(suggestFix(typed)).toBeNull();
  });

  it("never suggests the original after a substitution that is not a look-alike (A typed as X)", () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 14 }), (code, i) => {
        const original = replaceAt(code, i, "A").slice(0, 15);
        const valid = original + checkCharacter(original);
        const typed = replaceAt(valid, i, "X");
        expect(suggestFix(typed)?.code).not.toBe(valid);
      }),
      { numRuns: 500 },
    );
  });

  it("describes a swap and a look-alike by position", () => {
    const [code] = fc.sample(validCode, { numRuns: 1, seed: 3 });
    const base = (code ?? "").slice(0, 15);
    expect(describeFix({ kind: "swap", position: 4, code: base })).toBe("characters 4 and 5 swapped");
    expect(describeFix({ kind: "look_alike", position: 7, from: "S", to: "5", code: base })).toBe(
      'character 7 "S" is probably "5"',
    );
  });

  it("offers nothing for codes that are not 16 alphabet characters", () => {
    expect(candidateFixes("ABC")).toEqual([]);
    expect(candidateFixes("0M26ARCU3H0D0YTW")).toEqual([]);
  });
});
