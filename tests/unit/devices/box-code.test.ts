import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CODE_LENGTH,
  CROCKFORD_ALPHABET,
  checkCharacter,
  formatBoxCode,
  generateBoxCode,
  hasValidCheck,
  normaliseBoxCode,
} from "@/lib/devices/box-code";

const symbol = fc.constantFrom(...CROCKFORD_ALPHABET);
const data = fc
  .array(symbol, { minLength: CODE_LENGTH - 1, maxLength: CODE_LENGTH - 1 })
  .map((c) => c.join(""));

/** A check scheme under test: 15 data characters → one check character. */
type CheckScheme = (data: string) => string;

const codeWith = (scheme: CheckScheme) => data.map((d) => d + scheme(d));
const validUnder = (scheme: CheckScheme, code: string) => scheme(code.slice(0, -1)) === code.slice(-1);

/** Every substitution of one character by any other alphabet character is rejected. */
function catchesEverySubstitution(scheme: CheckScheme) {
  return fc.property(codeWith(scheme), (code) => {
    for (let i = 0; i < code.length; i++) {
      for (const other of CROCKFORD_ALPHABET) {
        if (other === code[i]) continue;
        if (validUnder(scheme, code.slice(0, i) + other + code.slice(i + 1))) return false;
      }
    }
    return true;
  });
}

/** Every swap of two unequal neighbouring characters (check character included) is rejected. */
function catchesEveryAdjacentSwap(scheme: CheckScheme) {
  return fc.property(codeWith(scheme), (code) => {
    for (let i = 0; i + 1 < code.length; i++) {
      const [a, b] = [code.charAt(i), code.charAt(i + 1)];
      if (a !== b && validUnder(scheme, code.slice(0, i) + b + a + code.slice(i + 2))) return false;
    }
    return true;
  });
}

const value = (c: string) => CROCKFORD_ALPHABET.indexOf(c);

/** Luhn mod 32: double every other value from the right, folding the digits of the product in base 32. */
const luhnMod32: CheckScheme = (d) => {
  let sum = 0;
  [...d].reverse().forEach((c, i) => {
    const v = i % 2 === 0 ? value(c) * 2 : value(c);
    sum += Math.floor(v / 32) + (v % 32);
  });
  return CROCKFORD_ALPHABET.charAt((32 - (sum % 32)) % 32);
};

const plainSum: CheckScheme = (d) => CROCKFORD_ALPHABET.charAt([...d].reduce((s, c) => s + value(c), 0) % 32);

describe("the GF(32) check character", () => {
  it("rejects every single-character substitution of many random codes", () => {
    fc.assert(catchesEverySubstitution(checkCharacter), { numRuns: 500 });
  });

  it("rejects every swap of two different neighbours of many random codes", () => {
    fc.assert(catchesEveryAdjacentSwap(checkCharacter), { numRuns: 3000 });
  });

  it("a plain sum mod 32 misses neighbour swaps: fast-check finds a counterexample", () => {
    const result = fc.check(catchesEveryAdjacentSwap(plainSum), { numRuns: 3000, seed: 1 });
    expect(result.failed).toBe(true);
  });

  it("Luhn mod 32 catches every substitution but misses some neighbour swaps (0 and Z)", () => {
    fc.assert(catchesEverySubstitution(luhnMod32), { numRuns: 200 });
    const result = fc.check(catchesEveryAdjacentSwap(luhnMod32), { numRuns: 20_000, seed: 1 });
    expect(result.failed).toBe(true);
    const [code] = result.counterexample ?? [""];
    const swapped = [...code].some((c, i) => {
      const next = code.charAt(i + 1);
      return (c === "0" && next === "Z") || (c === "Z" && next === "0");
    });
    expect(swapped).toBe(true);
  });
});

describe("generateBoxCode", () => {
  it("makes 16-character codes that pass their check and normalise to themselves", () => {
    const codes = Array.from({ length: 2000 }, generateBoxCode);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      expect(hasValidCheck(code)).toBe(true);
      expect(normaliseBoxCode(formatBoxCode(code))).toEqual({ ok: true, code });
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("uses every alphabet character in data positions (the random source is not stuck)", () => {
    const seen = new Set(Array.from({ length: 500 }, () => generateBoxCode().slice(0, 15)).join(""));
    expect(seen.size).toBe(32);
  });
});

describe("normaliseBoxCode", () => {
  const code = "0M26ARCM3H0D0YTW";

  it("formats as XXXX-XXXX-XXXX-XXXX", () => {
    expect(formatBoxCode(code)).toBe("0M26-ARCM-3H0D-0YTW");
  });

  it("folds case, spaces, dashes (also typographic ones), O to 0 and I/L to 1", () => {
    const valid = "1ABCDEFGHJKMNPQ" + checkCharacter("1ABCDEFGHJKMNPQ");
    for (const typed of [
      " 0m26-arcm-3h0d-0ytw ",
      "Om26 ARCM 3HoD oYTW",
      "0M26–ARCM—3H0D-0YTW",
      "0m26arcm3h0d0ytw",
    ]) {
      expect(normaliseBoxCode(typed)).toEqual({ ok: true, code });
    }
    expect(normaliseBoxCode(`i${valid.slice(1).toLowerCase()}`)).toEqual({ ok: true, code: valid });
    expect(normaliseBoxCode(`L${valid.slice(1)}`)).toEqual({ ok: true, code: valid });
  });

  it("names the wrong length", () => {
    expect(normaliseBoxCode("0M26-ARCM-3H0D-0YT")).toEqual({
      ok: false,
      problem: "wrong_length",
      folded: "0M26ARCM3H0D0YT",
      message: "A box code has 16 characters; this has 15.",
    });
    expect(normaliseBoxCode("")).toMatchObject({
      problem: "wrong_length",
      message: "A box code has 16 characters; this has 0.",
    });
  });

  it("names the first invalid character and its position (U is not in the alphabet)", () => {
    expect(normaliseBoxCode("0M26-ARCU-3H0D-0YTW")).toEqual({
      ok: false,
      problem: "invalid_character",
      position: 8,
      folded: "0M26ARCU3H0D0YTW",
      message: '"U" (character 8) is not used in box codes, which use 0-9 and A-Z without I, L, O and U.',
    });
    expect(normaliseBoxCode("0M26*ARCM")).toMatchObject({ problem: "invalid_character", position: 5 });
  });

  it("names a check character mismatch", () => {
    expect(normaliseBoxCode("0M26-ARCM-3H0D-0YTX")).toEqual({
      ok: false,
      problem: "check_mismatch",
      folded: "0M26ARCM3H0D0YTX",
      message: "The check character does not match: a character is mistyped or two are swapped.",
    });
  });
});

describe("browser safety", () => {
  it("box-code.ts imports nothing (no node:*, no server-only, no database)", () => {
    const source = fs.readFileSync(
      path.join(import.meta.dirname, "../../../lib/devices/box-code.ts"),
      "utf8",
    );
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/require\(/);
    expect(source).toContain("globalThis.crypto.getRandomValues");
  });
});
