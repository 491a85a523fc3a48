import { describe, expect, it } from "vitest";
import { checkCodeCharacters } from "./helpers";
import { checkTypedCode, MAX_TYPED_CHARACTERS, regroupTypedCode } from "@/lib/onboarding/code-entry";
import { formatBoxCode, generateBoxCode } from "@/lib/devices/box-code";

describe("regroupTypedCode", () => {
  it("groups in fours, upper-cases and folds confusables as the consumer types", () => {
    expect(regroupTypedCode("abcdo", 5)).toEqual({ value: "ABCD-0", caret: 6 });
    expect(regroupTypedCode("il", 2)).toEqual({ value: "11", caret: 2 });
  });

  it("keeps the caret after the same character when editing the middle", () => {
    // Typing X after "AB" in "ABCD-EFGH": raw "ABXCD-EFGH", caret 3.
    expect(regroupTypedCode("ABXCD-EFGH", 3)).toEqual({ value: "ABXC-DEFG-H", caret: 3 });
    // Caret right after a group's last character stays before the dash.
    expect(regroupTypedCode("ABCD-EFGH", 4)).toEqual({ value: "ABCD-EFGH", caret: 4 });
    expect(regroupTypedCode("ABCDE", 5)).toEqual({ value: "ABCD-E", caret: 6 });
  });

  it("ignores spaces and dashes the consumer or a paste adds, and caps the length", () => {
    expect(regroupTypedCode(" ab - cd ef ", 12).value).toBe("ABCD-EF");
    const long = "A".repeat(40);
    expect(regroupTypedCode(long, 40).value.replace(/-/g, "")).toHaveLength(MAX_TYPED_CHARACTERS);
  });

  it("keeps characters that are not in the alphabet so the check can name them", () => {
    expect(regroupTypedCode("ABU", 3).value).toBe("ABU");
  });
});

describe("checkTypedCode", () => {
  it("accepts a valid code typed in any grouping and case, with confusables", () => {
    const code = generateBoxCode();
    const typed = formatBoxCode(code).toLowerCase().replace(/0/g, "o").replace(/1/g, "l");
    expect(checkTypedCode(typed)).toEqual({ ok: true, code, display: formatBoxCode(code) });
  });

  it("says when the length is wrong", () => {
    const result = checkTypedCode("ABCD-EFGH");
    expect(result).toMatchObject({ ok: false, problem: "wrong_length" });
    if (!result.ok) expect(result.message).toContain("this has 8");
  });

  it("names a character that box codes never use", () => {
    const result = checkTypedCode("ABCD-EFGH-JKMN-PQU0");
    expect(result).toMatchObject({ ok: false, problem: "invalid_character" });
    if (!result.ok) expect(result.message).toContain('"U" (character 15)');
  });

  it("suggests the one swap that makes the code valid", () => {
    const { code, swapped } = checkCodeCharacters.findUniqueSwap();
    const result = checkTypedCode(swapped);
    expect(result).toMatchObject({ ok: false, problem: "check_mismatch" });
    if (result.ok) return;
    expect(result.suggestion?.code).toBe(code);
    expect(result.message).toContain(`Did you mean ${formatBoxCode(code)}?`);
  });

  it("gives no guess when a typo could be fixed several ways", () => {
    const typo = checkCodeCharacters.findAmbiguousTypo();
    const result = checkTypedCode(typo);
    expect(result).toMatchObject({ ok: false, problem: "check_mismatch" });
    if (!result.ok) {
      expect(result.suggestion).toBeUndefined();
      expect(result.message).toContain("Check each character");
    }
  });
});
