import "server-only";
import { randomBytes } from "node:crypto";
import { CROCKFORD_ALPHABET } from "@/lib/devices/box-code";

/**
 * A support code such as K7Q4-M2XD: 8 Crockford base32 characters (40 random bits), easy to read aloud and
 * unambiguous once folded. Uniqueness is enforced by the database; a collision is simply drawn again.
 */
export function newSupportCode(): string {
  // 256 is a multiple of 32, so the low five bits of a uniform byte are uniform.
  const chars = Array.from(randomBytes(8), (byte) => CROCKFORD_ALPHABET.charAt(byte & 31)).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}
