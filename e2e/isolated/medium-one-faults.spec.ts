import { expect, test } from "@playwright/test";
import { freshDevice } from "../support/devices";
import {
  acceptTermsAndClaim,
  chooseAccount,
  emulatorControl,
  enterCode,
  uniqueLogin,
} from "../support/setup-flow";
import { deviceScans } from "../support/simulator";

// Faults are global to the emulator: this file runs in its own project, after the others (playwright.config.ts).
test.afterEach(async () => emulatorControl("faults", "DELETE"));

test("Medium One down: a clear message, nothing half-done, and a retry with the same input works", async ({
  page,
}) => {
  await emulatorControl("faults", "POST", { method: "POST", path: "/users", kind: "status", status: 503 });
  const device = freshDevice();
  await page.goto("/setup");
  await enterCode(page, device.code);
  await chooseAccount(page, uniqueLogin("down"));
  await acceptTermsAndClaim(page);
  await expect(page.getByTestId("claim-retry")).toContainText(
    "Medium One is busy; try again with the same username and password",
    { timeout: 30_000 },
  );
  await expect(page.getByTestId("pairing-qr")).toHaveCount(0);

  await emulatorControl("faults", "DELETE");
  await page.getByRole("button", { name: "Try again" }).click();
  const qr = page.getByTestId("pairing-qr");
  await expect(qr).toBeVisible({ timeout: 15_000 });
  const paired = await deviceScans(qr, device);
  expect(paired.ok, paired.log).toBe(true);
  await expect(page.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
    timeout: 15_000,
  });
});
