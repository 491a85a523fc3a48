import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/**
 * Staff passwords: argon2id (the library's default algorithm) with its default cost (19 MiB, 2 passes, 1 lane),
 * the OWASP minimum, which keeps a sign-in near 30–60 ms on a small server.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash verifies nothing; it must not turn into a different answer.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random password with the same cost as real ones. Unknown usernames are verified against it, so they
 * take as long as known ones and no timing tells them apart.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(24).toString("base64url"));
  return dummyHash;
}

/** A password for an account created without one: 20 characters from a 64-symbol alphabet (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
