import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { E2E_DATA_DIR } from "./env";

export type StaffRole = "admin" | "support";

/** Saved signed-in browser state per role, written by staff.setup.ts. */
export const storageStateFor = (role: StaffRole) => path.join(E2E_DATA_DIR, ".auth", `${role}.json`);

/** The embedded default's demo staff (printed at start, kept in demo-staff.json). */
export function demoStaff(role: StaffRole): { username: string; password: string } {
  const username = `demo-${role}`;
  const file = JSON.parse(fs.readFileSync(path.join(E2E_DATA_DIR, "demo-staff.json"), "utf8")) as {
    passwords: Record<string, string>;
  };
  return { username, password: file.passwords[username]! };
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/support/sign-in");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function expectSignedIn(page: Page): Promise<void> {
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
