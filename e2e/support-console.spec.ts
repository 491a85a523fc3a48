import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { freshDevice, type E2EDevice } from "./support/devices";
import { E2E_DATA_DIR, E2E_EMULATOR_URL } from "./support/env";
import { enterCode, setUpToQr, STRONG_PASSWORD, uniqueLogin } from "./support/setup-flow";
import { deviceScans } from "./support/simulator";
import { storageStateFor, type StaffRole } from "./support/staff";

/** A consumer sets a device up and the device pairs; returns what support will look for. */
async function pairedDevice(browser: Browser) {
  const device = freshDevice();
  const loginId = uniqueLogin("owner");
  const context = await browser.newContext();
  const page = await context.newPage();
  const qr = await setUpToQr(page, device.code, loginId);
  const supportCode = (await page.getByTestId("support-code-value").first().textContent())!.trim();
  const paired = await deviceScans(qr, device);
  expect(paired.ok, paired.log).toBe(true);
  await expect(page.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
    timeout: 15_000,
  });
  await context.close();
  return { device, loginId, supportCode };
}

async function staffPage(browser: Browser, role: StaffRole): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(role) });
  return context.newPage();
}

async function openDevice(page: Page, serial: string): Promise<void> {
  await page.goto("/support");
  await page.getByLabel("Serial, box code, username or support code").fill(serial);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: `Device ${serial}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Device ${serial}` })).toBeVisible();
}

async function createLink(page: Page, reasonLabel: string, button: string): Promise<string> {
  await page.getByLabel(reasonLabel).fill("Customer called: e2e test");
  await page.getByRole("button", { name: button }).click();
  const link = page.getByLabel(/Link \(single use, until/);
  await expect(link).toBeVisible();
  return link.inputValue();
}

/** Logs in to the emulated Medium One as the device user, the way the device does. */
async function mediumOneAccepts(loginId: string, password: string): Promise<boolean> {
  const secrets = JSON.parse(fs.readFileSync(path.join(E2E_DATA_DIR, "secrets.json"), "utf8")) as Record<
    string,
    string
  >;
  const response = await fetch(`${E2E_EMULATOR_URL}/v2/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login_id: loginId, password, api_key: secrets.MEDIUM_ONE_DEVICE_API_KEY }),
  });
  return response.status === 200;
}

async function consumerRepairs(
  browser: Browser,
  link: string,
  device: E2EDevice,
  fill: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await fill(page);
  const qr = page.getByTestId("pairing-qr");
  await expect(qr).toBeVisible();
  return { page, qr, close: () => context.close(), scan: () => deviceScans(qr, device) };
}

test.describe("support console", () => {
  test("support finds the attempt behind the support code a consumer saw on a failed setup", async ({
    page,
    browser,
  }) => {
    await page.goto("/setup");
    await enterCode(page, "0000-0000-0000-0000");
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("quote the support code");
    const code = (await summary.textContent())!.match(/support code ([0-9A-Z]{4}-[0-9A-Z]{4})/)![1]!;

    const staff = await staffPage(browser, "support");
    await staff.goto("/support");
    await expectNoAxeViolations(staff);
    await staff.getByLabel("Serial, box code, username or support code").fill(code.toLowerCase());
    await staff.getByRole("button", { name: "Search" }).click();
    const hit = staff.getByTestId("attempt-hit");
    await expect(hit).toContainText(`Attempt ${code}`);
    await expect(hit).toContainText("The code typed matched no device.");
    await expectNoAxeViolations(staff);
  });

  test("support reads a device's timeline, with the consumer's support code on its lines", async ({
    browser,
  }) => {
    const { device, loginId, supportCode } = await pairedDevice(browser);
    const staff = await staffPage(browser, "support");
    await openDevice(staff, device.serial);
    await expect(staff.getByTestId("device-owner")).toContainText(loginId);
    const timeline = staff.getByTestId("timeline");
    await expect(timeline).toContainText(`support code ${supportCode}`);
    await expectNoAxeViolations(staff);
    // Nothing secret on the page: no password, no box code.
    const html = await staff.content();
    expect(html).not.toContain(STRONG_PASSWORD);
    expect(html).not.toContain(device.code);
    // A support agent cannot release or rotate: the forms are not there (the server refuses too).
    await expect(staff.getByRole("button", { name: "Release device" })).toHaveCount(0);
    await expect(staff.getByRole("button", { name: "Rotate box code" })).toHaveCount(0);
    await staff.goto("/support/alerts");
    await expect(staff.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
    await expectNoAxeViolations(staff);
  });

  test("a re-pair link: opening it spends nothing, the owner's password pairs again, then it is spent", async ({
    browser,
  }) => {
    const { device } = await pairedDevice(browser);
    const staff = await staffPage(browser, "support");
    await openDevice(staff, device.serial);
    const link = await createLink(staff, "Reason for the re-pair link", "Create re-pair link");

    // A link scanner's GET does not burn it.
    const scannerContext = await browser.newContext();
    const scanner = await scannerContext.newPage();
    await scanner.goto(link);
    await expect(scanner.getByRole("heading", { name: "Connect your device again" })).toBeVisible();
    await expectNoAxeViolations(scanner);
    await scannerContext.close();

    const consumer = await consumerRepairs(browser, link, device, async (page) => {
      await page.getByLabel("Device password").fill(STRONG_PASSWORD);
      await page.getByRole("button", { name: "Sign in and pair again" }).click();
    });
    const paired = await consumer.scan();
    expect(paired.ok, paired.log).toBe(true);
    await expect(consumer.page.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
      timeout: 15_000,
    });
    await consumer.page.goto(link);
    await expect(consumer.page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
    await consumer.close();
  });

  test("a password reset takes effect only when the device redeems the new pairing", async ({ browser }) => {
    const { device, loginId } = await pairedDevice(browser);
    const staff = await staffPage(browser, "support");
    await openDevice(staff, device.serial);
    const link = await createLink(staff, "Reason for the password reset", "Create password reset link");
    const newPassword = "Quartz-Meadow-5821";
    const consumer = await consumerRepairs(browser, link, device, async (page) => {
      await expect(
        page.getByRole("heading", { name: "Choose a new password for your device" }),
      ).toBeVisible();
      await page.getByLabel("New password", { exact: true }).fill(newPassword);
      await page.getByLabel("New password again").fill(newPassword);
      await page.getByRole("button", { name: "Set new password and pair" }).click();
    });
    expect(await mediumOneAccepts(loginId, STRONG_PASSWORD)).toBe(true);
    expect(await mediumOneAccepts(loginId, newPassword)).toBe(false);

    const paired = await consumer.scan();
    expect(paired.ok, paired.log).toBe(true);
    expect(await mediumOneAccepts(loginId, newPassword)).toBe(true);
    expect(await mediumOneAccepts(loginId, STRONG_PASSWORD)).toBe(false);
    await consumer.close();
  });

  test("an admin releases a device, and a new consumer claims it with the same box code", async ({
    browser,
  }) => {
    const { device } = await pairedDevice(browser);
    const admin = await staffPage(browser, "admin");
    await openDevice(admin, device.serial);
    await expectNoAxeViolations(admin);
    await admin.getByLabel("Reason for the release").fill("Sold second hand: e2e test");
    await admin.getByRole("button", { name: "Release device" }).click();
    await expect(admin.getByText(/Released from/)).toBeVisible();

    const context = await browser.newContext();
    const next = await context.newPage();
    const qr = await setUpToQr(next, device.code, uniqueLogin("newowner"));
    const paired = await deviceScans(qr, device);
    expect(paired.ok, paired.log).toBe(true);
    await expect(next.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
      timeout: 15_000,
    });
    await context.close();

    await admin.goto("/support/audit");
    await expect(admin.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expectNoAxeViolations(admin);
  });

  test("a rotated box code refuses the old label and accepts the new one", async ({ browser }) => {
    const device = freshDevice();
    const admin = await staffPage(browser, "admin");
    await openDevice(admin, device.serial);
    await admin.getByLabel("Reason to rotate the code").fill("Label photographed: e2e test");
    await admin.getByRole("button", { name: "Rotate box code" }).click();
    const newCode = (await admin.getByTestId("new-box-code").textContent())!.trim();
    expect(newCode).not.toBe(device.code);

    const consumerContext = await browser.newContext();
    const consumer = await consumerContext.newPage();
    await consumer.goto("/setup");
    await enterCode(consumer, device.code);
    await expect(consumer.getByTestId("error-summary")).toBeVisible();
    await expect(consumer.getByRole("heading", { name: "Enter the device code" })).toBeVisible();
    await consumer.getByLabel("Device code").fill(newCode);
    await consumer.getByRole("button", { name: "Continue" }).click();
    await expect(
      consumer.getByRole("heading", { name: /Choose the device.s username and password/ }),
    ).toBeVisible();
    await consumerContext.close();

    await admin.goto("/support/staff");
    await expect(admin.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
    await expectNoAxeViolations(admin);
  });
});
