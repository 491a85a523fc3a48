/**
 * The device code field's behaviour, kept out of the component so it is tested without a browser: grouping as
 * the consumer types (caret kept on the same character), and the check before any request, with a message that
 * says what is wrong and, when exactly one fix makes the code valid, what was probably meant. Browser-safe.
 */
import {
  CODE_LENGTH,
  describeFix,
  foldBoxCode,
  formatBoxCode,
  normaliseBoxCode,
  suggestFix,
  type BoxCodeProblem,
} from "@/lib/devices/box-code";

const GROUP = 4;
/** Room for a pasted code with stray characters, so the message can name them instead of losing them. */
export const MAX_TYPED_CHARACTERS = CODE_LENGTH + 8;

export interface TypedCode {
  value: string;
  caret: number;
}

function group(chars: string): string {
  return chars.match(new RegExp(`.{1,${GROUP}}`, "g"))?.join("-") ?? "";
}

/**
 * Folds and regroups what is in the field (XXXX-XXXX-…), keeping the caret after the same code character it
 * followed, so editing the middle of the code does not throw the caret to the end.
 */
export function regroupTypedCode(raw: string, caret: number): TypedCode {
  const charsBeforeCaret = foldBoxCode(raw.slice(0, caret)).length;
  const chars = foldBoxCode(raw).slice(0, MAX_TYPED_CHARACTERS);
  const value = group(chars);
  const kept = Math.min(charsBeforeCaret, chars.length);
  // Each full group before the caret adds one dash; a caret right after a group's end stays before its dash.
  const dashes = kept === 0 ? 0 : Math.floor((kept - 1) / GROUP);
  return { value, caret: kept + dashes };
}

export type CodeCheckResult =
  | { ok: true; code: string; display: string }
  | {
      ok: false;
      problem: BoxCodeProblem;
      message: string;
      /** A likely intended code (grouped for display) and why, when exactly one fix makes the code valid. */
      suggestion?: { code: string; display: string; reason: string };
    };

/** The browser's check before the code is sent anywhere. */
export function checkTypedCode(typed: string): CodeCheckResult {
  const result = normaliseBoxCode(typed);
  if (result.ok) return { ok: true, code: result.code, display: formatBoxCode(result.code) };
  if (result.problem !== "check_mismatch") {
    return { ok: false, problem: result.problem, message: result.message };
  }
  const fix = suggestFix(result.folded);
  if (!fix) {
    return {
      ok: false,
      problem: result.problem,
      message: `${result.message} Check each character against the box.`,
    };
  }
  const display = formatBoxCode(fix.code);
  return {
    ok: false,
    problem: result.problem,
    message: `${result.message} Did you mean ${display}? (${describeFix(fix)})`,
    suggestion: { code: fix.code, display, reason: describeFix(fix) },
  };
}
