import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url (43 characters): the link's capability, put in its path and never stored. */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a token: its SHA-256, enough to find the link, useless to open it. */
export function linkTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function repairLinkUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/repair/${token}`;
}
