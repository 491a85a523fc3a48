import { describeFix, formatBoxCode, normaliseBoxCode, suggestFix } from "@/lib/devices/box-code";
import { UsageError } from "./context";

async function readStdinLines(): Promise<string[]> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/).filter((line) => line.trim() !== "");
}

/** One line per code; a fix is suggested only when exactly one swap or look-alike makes it valid. */
export function checkLine(input: string): { valid: boolean; line: string } {
  const result = normaliseBoxCode(input);
  if (result.ok) return { valid: true, line: `${input}: ok ${formatBoxCode(result.code)}` };
  let line = `${input}: ${result.message}`;
  if (result.problem === "check_mismatch") {
    const fix = suggestFix(result.folded);
    line += fix
      ? ` Did you mean ${formatBoxCode(fix.code)} (${describeFix(fix)})?`
      : " No single likely fix; ask for a photo of the label.";
  }
  return { valid: false, line };
}

export async function checkCommand(codes: string[]): Promise<number> {
  const inputs = codes.length > 0 ? codes : await readStdinLines();
  if (inputs.length === 0)
    throw new UsageError("No codes given: pass them as arguments or one per line on stdin.");
  let allValid = true;
  for (const input of inputs) {
    const { valid, line } = checkLine(input.trim());
    allValid &&= valid;
    (valid ? console.log : console.error)(line);
  }
  return allValid ? 0 : 1;
}
