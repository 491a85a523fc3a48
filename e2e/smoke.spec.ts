import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";

test("home page explains Onboard and leads to device setup", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/get your new device online/i);
  const start = page.getByRole("link", { name: "Set up your device" });
  await expect(start).toBeVisible();
  await expect(start).toHaveAttribute("href", "/setup");
  await expectNoAxeViolations(page);
});

test("home page fits a 360 px screen without horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the start link is reachable by keyboard with a visible focus ring", async ({ page }) => {
  await page.goto("/");
  const start = page.getByRole("link", { name: "Set up your device" });
  for (let i = 0; i < 10 && !(await start.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(start).toBeFocused();
  const outline = await start.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
});

test("health reports the database as answering", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.checks.database.ok).toBe(true);
  expect(response.headers()["cache-control"]).toContain("no-store");
});

test("pages carry a nonce-based CSP, no-referrer and no framing, and run without CSP violations", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      violations.push(message.text());
  });
  const response = await page.goto("/");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(
    /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
  );
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // Next's inline bootstrap scripts ran under the policy (they carry the nonce); a blocked one would not.
  expect(await page.evaluate(() => Array.isArray((self as unknown as { __next_f?: unknown }).__next_f))).toBe(
    true,
  );
  expect(violations).toEqual([]);
});
