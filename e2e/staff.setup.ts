import fs from "node:fs";
import path from "node:path";
import { test as setup } from "@playwright/test";
import { demoStaff, expectSignedIn, signIn, storageStateFor, type StaffRole } from "./support/staff";

// Sign in once per role and save the browser state: every sign-in counts against the per-client budget.
for (const role of ["admin", "support"] as StaffRole[]) {
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    const { username, password } = demoStaff(role);
    await signIn(page, username, password);
    await expectSignedIn(page);
    fs.mkdirSync(path.dirname(storageStateFor(role)), { recursive: true });
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
