/**
 * Box codes: 15 random Crockford base32 characters (75 bits) and one check character, shown XXXX-XXXX-XXXX-XXXX.
 *
 * Browser-safe on purpose (no node:*, no server-only): the setup page checks a typed code before any request.
 *
 * The check character makes the weighted sum Σ wᵢ·dᵢ over GF(32) zero, with the weights wᵢ = αⁱ⁺¹ (α primitive,
 * so the 15 data weights are distinct and none is 1) and weight 1 on the check character. A substitution at i
 * changes the sum by wᵢ·e ≠ 0; a swap of unequal neighbours changes it by (wᵢ + wᵢ₊₁)(dᵢ + dᵢ₊₁) ≠ 0 because
 * neighbouring weights differ. So every single substitution and every adjacent swap is caught.
 */

export const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const DATA_LENGTH = 15;
export const CODE_LENGTH = DATA_LENGTH + 1;

/** x⁵ + x² + 1, a primitive polynomial over GF(2): x (= 2) generates every non-zero element of GF(32). */
const PRIMITIVE_POLYNOMIAL = 0b100101;

function gfMultiply(a: number, b: number): number {
  let product = 0;
  let x = a;
  let y = b;
  while (y > 0) {
    if (y & 1) product ^= x;
    y >>= 1;
    x <<= 1;
    if (x & 0b100000) x ^= PRIMITIVE_POLYNOMIAL;
  }
  return product;
}

/** WEIGHTS[i] = α^(i+1) for the data positions; the check position has weight 1 = α⁰. */
const WEIGHTS: readonly number[] = (() => {
  const weights: number[] = [];
  let power = 1;
  for (let i = 0; i < DATA_LENGTH; i++) {
    power = gfMultiply(power, 2);
    weights.push(power);
  }
  return weights;
})();

const VALUE_OF = new Map<string, number>([...CROCKFORD_ALPHABET].map((char, value) => [char, value]));

function symbolAt(value: number): string {
  return CROCKFORD_ALPHABET.charAt(value);
}

/** The check character for 15 data characters (already normalised, all in the alphabet). */
export function checkCharacter(data: string): string {
  let sum = 0;
  for (let i = 0; i < DATA_LENGTH; i++) sum ^= gfMultiply(WEIGHTS[i] ?? 0, VALUE_OF.get(data.charAt(i)) ?? 0);
  return symbolAt(sum);
}

/** True when a 16-character normalised code's check character matches. */
export function hasValidCheck(code: string): boolean {
  return (
    code.length === CODE_LENGTH && checkCharacter(code.slice(0, DATA_LENGTH)) === code.charAt(DATA_LENGTH)
  );
}

/** A new box code (normalised, 16 characters) from the platform CSPRNG. */
export function generateBoxCode(): string {
  // 256 is a multiple of 32, so the low five bits of a uniform byte are uniform.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(DATA_LENGTH));
  const data = Array.from(bytes, (byte) => symbolAt(byte & 31)).join("");
  return data + checkCharacter(data);
}

/** XXXX-XXXX-XXXX-XXXX from a normalised code. */
export function formatBoxCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

export type BoxCodeProblem = "wrong_length" | "invalid_character" | "check_mismatch";

export type NormaliseResult =
  | { ok: true; code: string }
  | {
      ok: false;
      problem: BoxCodeProblem;
      message: string;
      /** 1-based position in the code (separators not counted), for invalid characters. */
      position?: number;
      /** The folded characters, so callers can look for a likely fix. */
      folded: string;
    };

/** Folds what people type or read off a box: case, spaces and dashes, O→0, I/L→1 (Crockford). */
export function foldBoxCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-‐-―]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

export function normaliseBoxCode(input: string): NormaliseResult {
  const folded = foldBoxCode(input);
  const chars = [...folded];
  const badIndex = chars.findIndex((char) => !VALUE_OF.has(char));
  if (badIndex >= 0) {
    const char = chars[badIndex] ?? "";
    return {
      ok: false,
      problem: "invalid_character",
      position: badIndex + 1,
      folded,
      message: `"${char}" (character ${badIndex + 1}) is not used in box codes, which use 0-9 and A-Z without I, L, O and U.`,
    };
  }
  if (chars.length !== CODE_LENGTH) {
    return {
      ok: false,
      problem: "wrong_length",
      folded,
      message: `A box code has ${CODE_LENGTH} characters; this has ${chars.length}.`,
    };
  }
  if (!hasValidCheck(folded)) {
    return {
      ok: false,
      problem: "check_mismatch",
      folded,
      message: "The check character does not match: a character is mistyped or two are swapped.",
    };
  }
  return { ok: true, code: folded };
}

/**
 * Pairs that people and photos confuse once O, I and L are folded: S/5, B/8, Z/2, G/6 (the common ones), D/0 and
 * Q/0 (a round glyph read as zero or the reverse), T/7 and 1/7 (a crossbar or serif lost in a photo), V/Y (a
 * short stem). Each works both ways.
 */
export const LOOK_ALIKES: readonly (readonly [string, string])[] = [
  ["S", "5"],
  ["B", "8"],
  ["Z", "2"],
  ["G", "6"],
  ["D", "0"],
  ["Q", "0"],
  ["T", "7"],
  ["1", "7"],
  ["V", "Y"],
];

const LOOK_ALIKES_OF = new Map<string, string[]>();
for (const [a, b] of LOOK_ALIKES) {
  LOOK_ALIKES_OF.set(a, [...(LOOK_ALIKES_OF.get(a) ?? []), b]);
  LOOK_ALIKES_OF.set(b, [...(LOOK_ALIKES_OF.get(b) ?? []), a]);
}

export type Fix =
  | { kind: "swap"; position: number; code: string }
  | { kind: "look_alike"; position: number; from: string; to: string; code: string };

/** Every code one neighbour swap or one look-alike substitution away from `folded` that passes the check. */
export function candidateFixes(folded: string): Fix[] {
  if (folded.length !== CODE_LENGTH || [...folded].some((char) => !VALUE_OF.has(char))) return [];
  const fixes: Fix[] = [];
  for (let i = 0; i + 1 < CODE_LENGTH; i++) {
    const a = folded.charAt(i);
    const b = folded.charAt(i + 1);
    if (a === b) continue;
    const code = folded.slice(0, i) + b + a + folded.slice(i + 2);
    if (hasValidCheck(code)) fixes.push({ kind: "swap", position: i + 1, code });
  }
  for (let i = 0; i < CODE_LENGTH; i++) {
    const from = folded.charAt(i);
    for (const to of LOOK_ALIKES_OF.get(from) ?? []) {
      const code = folded.slice(0, i) + to + folded.slice(i + 1);
      if (hasValidCheck(code)) fixes.push({ kind: "look_alike", position: i + 1, from, to, code });
    }
  }
  return fixes;
}

/**
 * The fix to suggest for a code whose check failed, or null. With one check character any position could hold
 * the typo, so a guess is offered only when exactly one swap or look-alike makes the code valid.
 */
export function suggestFix(folded: string): Fix | null {
  const fixes = candidateFixes(folded);
  const distinct = new Set(fixes.map((fix) => fix.code));
  return distinct.size === 1 ? (fixes[0] ?? null) : null;
}

export function describeFix(fix: Fix): string {
  return fix.kind === "swap"
    ? `characters ${fix.position} and ${fix.position + 1} swapped`
    : `character ${fix.position} "${fix.from}" is probably "${fix.to}"`;
}
