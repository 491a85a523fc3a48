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
