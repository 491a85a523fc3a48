import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { E2E_EMULATOR_URL } from "./env";

/** A username no other test uses. */
export const uniqueLogin = (prefix = "e2e") => `${prefix}-${randomBytes(4).toString("hex")}`;

/** Strong enough for the default rule (length, classes, zxcvbn score 3). */
export const STRONG_PASSWORD = "Velvet-Harbor-7391";

export async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel("Device code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

export async function chooseAccount(page: Page, loginId: string, password = STRONG_PASSWORD): Promise<void> {
  await expect(
    page.getByRole("heading", { name: /Choose the device.s username and password/ }),
  ).toBeVisible();
  await page.getByLabel("Username").fill(loginId);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
}

export async function acceptTermsAndClaim(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { name: "Accept the terms" })).toBeVisible();
  await page.getByLabel(/I have read and accept the terms/).check();
  await page.getByRole("button", { name: "Create the device account" }).click();
}

/** From the code to the pairing QR on the screen. */
export async function setUpToQr(page: Page, code: string, loginId: string, password = STRONG_PASSWORD) {
  await page.goto("/setup");
  await enterCode(page, code);
  await chooseAccount(page, loginId, password);
  await acceptTermsAndClaim(page);
  await expect(page.getByRole("heading", { name: "Show this QR code to your device" })).toBeVisible();
  const qr = page.getByTestId("pairing-qr");
  await expect(qr).toBeVisible();
  return qr;
}

/** The emulator's test-only control surface (ONBOARD_EMULATOR_CONTROL=1 in the e2e server). */
export async function emulatorControl(
  path: string,
  method: "POST" | "DELETE",
  body?: unknown,
): Promise<void> {
  const response = await fetch(`${E2E_EMULATOR_URL}/__control/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator control ${method} ${path} → ${response.status}`);
}
