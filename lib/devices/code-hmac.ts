import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Box codes are stored only as HMAC-SHA256 under a server secret that is not in the database, so a dump of the
 * database gives no code. Input is the normalised code (see box-code.ts), so every typed form hashes alike.
 */
export function boxCodeHmac(codeHmacKey: string, normalisedCode: string): string {
  return createHmac("sha256", codeHmacKey).update(normalisedCode, "utf8").digest("hex");
}

/** Constant-time comparison of a stored HMAC with the HMAC of a code. */
export function boxCodeMatches(storedHmac: string, codeHmacKey: string, normalisedCode: string): boolean {
  const expected = Buffer.from(boxCodeHmac(codeHmacKey, normalisedCode), "hex");
  const stored = Buffer.from(storedHmac, "hex");
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}

/** What support staff may see of a code: its last four characters. */
export function codeLast4(normalisedCode: string): string {
  return normalisedCode.slice(-4);
}
