import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import type { PasswordRule } from "./choices";

// A light scrypt cost: the emulator hashes so that its data directory holds no plain password, not to resist
// offline cracking, and tests log in often.
const COST = { N: 1024, r: 8, p: 1 };
const KEY_LENGTH = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, COST);
  return `scrypt$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = scryptSync(password, Buffer.from(salt, "base64url"), expected.length, COST);
  return timingSafeEqual(actual, expected);
}

const CLASS_TESTS = {
  upper: /[A-Z]/,
  lower: /[a-z]/,
  digit: /[0-9]/,
  symbol: /[^A-Za-z0-9]/,
} as const;

export function meetsRule(password: string, rule: PasswordRule): boolean {
  return password.length >= rule.minLength && rule.classes.every((c) => CLASS_TESTS[c].test(password));
}
