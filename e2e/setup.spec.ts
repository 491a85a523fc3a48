import { expect, test, type Request } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { suggestFix } from "@/lib/devices/box-code";
import { freshDevice } from "./support/devices";
import {
  acceptTermsAndClaim,
  chooseAccount,
  enterCode,
  setUpToQr,
  STRONG_PASSWORD,
  uniqueLogin,
} from "./support/setup-flow";
import { deviceScans } from "./support/simulator";

test.describe("consumer setup", () => {
  test("happy path: code, account, terms, QR; the device scans the screen and the page turns to connected by itself", async ({
    page,
  }) => {
    const device = freshDevice();
    const loginId = uniqueLogin();
    await page.goto("/setup");
    await expectNoAxeViolations(page);
    await enterCode(page, device.code);
    await expect(page.getByTestId("support-code-value")).toHaveText(/\S{4}/);
    await expectNoAxeViolations(page);
    await chooseAccount(page, loginId);
    await expectNoAxeViolations(page);
    await acceptTermsAndClaim(page);
    const qr = page.getByTestId("pairing-qr");
    await expect(qr).toBeVisible();
    await expectNoAxeViolations(page);

    const paired = await deviceScans(qr, device);
    expect(paired.ok, paired.log).toBe(true);

    await expect(page.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByTestId("receipt-device")).toContainText(device.serial);
    await expect(page.getByTestId("receipt-username")).toContainText(loginId);
    await expect(page.getByTestId("receipt-terms-version")).toContainText("2026-11-01");
    await expect(page.getByTestId("receipt-support-code")).not.toBeEmpty();
    await expectNoAxeViolations(page);
  });

  test("a P-256 device pairs the same way", async ({ page }) => {
    const device = freshDevice("p256");
    const qr = await setUpToQr(page, device.code, uniqueLogin());
    const paired = await deviceScans(qr, device, "rest");
    expect(paired.ok, paired.log).toBe(true);
    await expect(page.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
      timeout: 15_000,
    });
  });

  test("a typo in the code is caught in the browser, before any request", async ({ page }) => {
    const device = freshDevice();
    await page.goto("/setup");
    const actions: Request[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") actions.push(r);
    });
    // Swap two neighbouring characters: the check character catches every such swap. Pick a swap that only one
    // fix explains, so the page can offer it.
    const plain = device.code.replaceAll("-", "");
    const swapped = [...plain.slice(0, -1)]
      .map((c, k) => plain.slice(0, k) + plain[k + 1] + c + plain.slice(k + 2))
      .find((candidate) => candidate !== plain && suggestFix(candidate)?.code === plain);
    if (!swapped) throw new Error(`no uniquely fixable swap of ${device.code}`);
    await enterCode(page, swapped);
    await expect(page.getByText(/The check character does not match/)).toBeVisible();
    await expect(page.getByLabel("Device code")).toHaveAttribute("aria-invalid", "true");
    expect(actions).toEqual([]);
    // Exactly one neighbour swap makes it valid here, so the page offers it; taking it continues the setup.
    await page.getByRole("button", { name: `Use ${device.code}` }).click();
    await expect(page.getByLabel("Device code")).toHaveValue(device.code);
    await expectNoAxeViolations(page);
  });

  test("an unknown code gets a neutral answer and a support code", async ({ page }) => {
    await page.goto("/setup");
    // A well-formed code (valid check character) that no device has.
    await enterCode(page, "0000-0000-0000-0000");
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expect(page.getByTestId("error-summary")).not.toContainText(/exist|registered|owned/i);
    await expect(page.getByRole("heading", { name: "Enter the device code" })).toBeVisible();
  });

  test("a weak password is refused with a message on its field", async ({ page }) => {
    const device = freshDevice();
    await page.goto("/setup");
    await enterCode(page, device.code);
    await chooseAccount(page, uniqueLogin(), "Password123");
    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(
      page.getByRole("heading", { name: /Choose the device.s username and password/ }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a username another setup holds is refused", async ({ page, browser }) => {
    const first = freshDevice();
    const loginId = uniqueLogin();
    await setUpToQr(page, first.code, loginId);

    const other = await browser.newPage();
    try {
      await other.goto("/setup");
      await enterCode(other, freshDevice().code);
      // Availability is checked when the field is left, against our reservations (case-folded).
      await other.getByLabel("Username").fill(loginId.toUpperCase());
      await other.getByLabel("Username").blur();
      const username = other.getByLabel("Username");
      await expect(username).toHaveAttribute("aria-invalid", "true");
      await expect(other.getByText(/taken|in use|not available/i).first()).toBeVisible();
    } finally {
      await other.close();
    }
  });

  test("the terms must be accepted", async ({ page }) => {
    await page.goto("/setup");
    await enterCode(page, freshDevice().code);
    await chooseAccount(page, uniqueLogin());
    await page.getByRole("button", { name: "Create the device account" }).click();
    const terms = page.getByLabel(/I have read and accept the terms/);
    await expect(terms).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("heading", { name: "Accept the terms" })).toBeVisible();
  });

  test("the box label link fills the code from the fragment and removes it from the address bar", async ({
    page,
  }) => {
    const device = freshDevice();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`/s#${device.code}`);
    await expect(page.getByTestId("code-from-label")).toBeVisible();
    await expect(page.getByLabel("Device code")).toHaveValue(device.code);
    expect(new URL(page.url()).hash).toBe("");
    expect(
      requests.filter((u) => u.includes(device.code) || u.includes(device.code.replaceAll("-", ""))),
    ).toEqual([]);
  });

  test("the QR expires; a new one comes with the password, and the device pairs with it", async ({
    page,
  }) => {
    await page.clock.install();
    const device = freshDevice();
    await setUpToQr(page, device.code, uniqueLogin());
    await page.clock.fastForward("10:05");
    await expect(page.getByRole("heading", { name: "Get a new QR code" })).toBeVisible();
    await expect(page.getByTestId("pairing-qr")).toHaveCount(0);
    // Back to the real time, which the server's new session is measured against.
    await page.clock.setSystemTime(Date.now());
    await page.getByLabel("Device password").fill(STRONG_PASSWORD);
    await page.getByRole("button", { name: "Get a new QR code" }).click();
    const qr = page.getByTestId("pairing-qr");
    await expect(qr).toBeVisible();
    const paired = await deviceScans(qr, device);
    expect(paired.ok, paired.log).toBe(true);
    await expect(page.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
      timeout: 15_000,
    });
  });

  test("after a reload the QR secret is gone; the password brings a new QR, a wrong one does not", async ({
    page,
  }) => {
    const device = freshDevice();
    await setUpToQr(page, device.code, uniqueLogin());
    await page.reload();
    await expect(page.getByRole("heading", { name: "Get a new QR code" })).toBeVisible();
    await expect(page.getByTestId("pairing-qr")).toHaveCount(0);
    await page.getByLabel("Device password").fill("Wrong-Password-123");
    await page.getByRole("button", { name: "Get a new QR code" }).click();
    await expect(page.getByLabel("Device password")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Device password").fill(STRONG_PASSWORD);
    await page.getByRole("button", { name: "Get a new QR code" }).click();
    const qr = page.getByTestId("pairing-qr");
    await expect(qr).toBeVisible();
    const paired = await deviceScans(qr, device);
    expect(paired.ok, paired.log).toBe(true);
    await expect(page.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
      timeout: 15_000,
    });
  });

  test("two consumers, one device: the device decides, and the other page says so", async ({
    page,
    browser,
  }) => {
    const device = freshDevice();
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    try {
      await setUpToQr(page, device.code, uniqueLogin("first"));
      const secondQr = await setUpToQr(other, device.code, uniqueLogin("second"));
      const paired = await deviceScans(secondQr, device);
      expect(paired.ok, paired.log).toBe(true);
      await expect(other.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
        timeout: 15_000,
      });
      await expect(page.getByTestId("claim-lost-notice")).toBeVisible({ timeout: 15_000 });
      await expect(page.getByTestId("pairing-qr")).toHaveCount(0);
    } finally {
      await otherContext.close();
    }
  });

  test("already set up: the owner's username and password pair the device again", async ({
    page,
    browser,
  }) => {
    const device = freshDevice();
    const loginId = uniqueLogin("owner");
    const first = await setUpToQr(page, device.code, loginId);
    expect((await deviceScans(first, device)).ok).toBe(true);
    await expect(page.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
      timeout: 15_000,
    });

    const context = await browser.newContext();
    const again = await context.newPage();
    try {
      await again.goto("/setup");
      await enterCode(again, device.code);
      await expect(again.getByRole("heading", { name: "This device is already set up" })).toBeVisible();
      await expectNoAxeViolations(again);
      await again.getByLabel("Username").fill(loginId);
      await again.getByLabel("Password", { exact: true }).fill(STRONG_PASSWORD);
      await again.getByRole("button", { name: "Sign in and pair again" }).click();
      const qr = again.getByTestId("pairing-qr");
      await expect(qr).toBeVisible();
      const repaired = await deviceScans(qr, device);
      expect(repaired.ok, repaired.log).toBe(true);
      await expect(again.getByRole("heading", { name: "Your device is connected" })).toBeVisible({
        timeout: 15_000,
      });
    } finally {
      await context.close();
    }
  });

  test("neither the Wi-Fi password nor the QR secret appears in any URL, storage, or request other than the claim", async ({
    page,
    context,
  }) => {
    const device = freshDevice();
    const wifiPassword = `wifi-${Date.now()}-secret`;
    const seen: { url: string; body: string; isAction: boolean }[] = [];
    page.on("request", (r) =>
      seen.push({ url: r.url(), body: r.postData() ?? "", isAction: !!r.headers()["next-action"] }),
    );
    await page.goto("/setup");
    await enterCode(page, device.code);
    await chooseAccount(page, uniqueLogin());
    // Read the claim's answer on its way to the page (a streamed body cannot be read back afterwards).
    let claimText = "";
    await page.route("**/setup", async (route) => {
      const request = route.request();
      if (!request.headers()["next-action"] || !(request.postData() ?? "").includes("acceptTerms")) {
        return route.continue();
      }
      const response = await route.fetch();
      claimText = await response.text();
      await route.fulfill({ response, body: claimText });
    });
    await acceptTermsAndClaim(page);
    await expect(page.getByTestId("pairing-qr")).toBeVisible();
    await page.getByText("Add Wi-Fi details to the QR code (optional)").click();
    await page.getByLabel("Wi-Fi network name (SSID)").fill("HomeNet");
    await page.getByLabel("Wi-Fi password").fill(wifiPassword);
    await page.getByRole("button", { name: "Add to the QR code" }).click();
    await expect(page.getByTestId("wifi-status")).toBeVisible();
    await page.waitForTimeout(2000); // let a few status polls go out

    const secret = claimText.match(/"qrSecret":"([A-Za-z0-9_-]{43})"/)?.[1];
    expect(secret, "the claim's answer carries the QR secret").toBeDefined();
    const claimRequests = seen.filter((s) => s.isAction && s.body.includes("acceptTerms"));
    expect(claimRequests.length).toBeGreaterThan(0);
    for (const s of seen) {
      expect(s.url).not.toContain(wifiPassword);
      expect(s.body).not.toContain(wifiPassword);
      expect(s.url).not.toContain(secret!);
      expect(s.body).not.toContain(secret!);
    }
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    const historyState = await page.evaluate(() => JSON.stringify(history.state ?? {}));
    const cookies = JSON.stringify(await context.cookies());
    for (const place of [storage, historyState, cookies, page.url()]) {
      expect(place).not.toContain(secret!);
      expect(place).not.toContain(wifiPassword);
    }
    // And the QR with Wi-Fi still pairs.
    const paired = await deviceScans(page.getByTestId("pairing-qr"), device);
    expect(paired.ok, paired.log).toBe(true);
  });
});
