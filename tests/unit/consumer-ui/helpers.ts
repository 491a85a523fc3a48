import { candidateFixes, generateBoxCode, suggestFix } from "@/lib/devices/box-code";

/** Codes with known typos, found by search so the tests do not depend on one lucky fixture. */
export const checkCodeCharacters = {
  findUniqueSwap(): { code: string; swapped: string } {
    for (let tries = 0; tries < 10_000; tries++) {
      const code = generateBoxCode();
      if (code.charAt(2) === code.charAt(3)) continue;
      const swapped = code.slice(0, 2) + code.charAt(3) + code.charAt(2) + code.slice(4);
      if (suggestFix(swapped)?.code === code) return { code, swapped };
    }
    throw new Error("no code with a unique swap fix found");
  },
  findAmbiguousTypo(): string {
    for (let tries = 0; tries < 100_000; tries++) {
      const code = generateBoxCode();
      const typo = (code.charAt(0) === "A" ? "B" : "A") + code.slice(1);
      if (new Set(candidateFixes(typo).map((fix) => fix.code)).size !== 1) return typo;
    }
    throw new Error("no ambiguous typo found");
  },
};
