import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { demoStaff, signIn } from "../support/staff";

// Runs in the isolated project: failed sign-ins count against this client's budget for 15 minutes.
test("sign-in locks after repeated failures, the same way for a real and an unknown username", async ({
  page,
}) => {
  const unknown = `ghost-${randomBytes(3).toString("hex")}`;
  const refused = page.getByText("The username or password is not right.");
  const locked = page.getByText("Too many failed sign-ins. Wait 15 minutes, then try again.");
  for (let i = 0; i < 5; i++) {
    await signIn(page, unknown, "not-the-password");
    await expect(refused).toBeVisible();
  }
  await signIn(page, unknown, "not-the-password");
  await expect(locked).toBeVisible();

  // A real account locked the same way answers the same, even with its right password afterwards.
  const { username, password } = demoStaff("support");
  for (let i = 0; i < 5; i++) {
    await signIn(page, username, "not-the-password");
    await expect(refused).toBeVisible();
  }
  await signIn(page, username, password);
  await expect(locked).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});
