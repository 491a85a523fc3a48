import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL as baseURL, E2E_DATA_DIR, E2E_DEVICES_DIR, E2E_PORT as PORT } from "./e2e/support/env";

const generateDevices = "tsx --conditions=react-server scripts/devices.ts generate --model e2e-sensor";
/**
 * A fresh embedded data dir per run (e2e never touches a developer's data/), and dev batches for the tests,
 * generated before the server takes the embedded database.
 */
const prepare = [
  `rm -rf ${E2E_DATA_DIR}`,
  `${generateDevices} --count 80 --alg ed25519 --out ${E2E_DEVICES_DIR}/ed25519 --batch e2e-ed25519`,
  `${generateDevices} --count 20 --alg p256 --out ${E2E_DEVICES_DIR}/p256 --batch e2e-p256`,
].join(" && ");

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "on-first-retry",
    launchOptions: chromium,
  },
  projects: [
    { name: "staff-setup", testMatch: /staff\.setup\.ts/, use: { launchOptions: chromium } },
    {
      name: "desktop",
      testIgnore: /isolated\//,
      dependencies: ["staff-setup"],
      use: { ...devices["Desktop Chrome"], channel: undefined, launchOptions: chromium },
    },
    {
      name: "phone",
      testIgnore: /isolated\//,
      dependencies: ["staff-setup"],
      use: {
        ...devices["Pixel 7"],
        viewport: { width: 360, height: 740 },
        launchOptions: chromium,
      },
    },
    {
      // Tests that change global state (emulator faults, sign-in lockouts) run alone, after everything else.
      name: "isolated",
      testMatch: /isolated\/.*\.spec\.ts/,
      dependencies: ["desktop", "phone"],
      use: { ...devices["Desktop Chrome"], channel: undefined, launchOptions: chromium },
    },
  ],
  webServer: {
    command: `${prepare} && node server.mjs`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      ONBOARD_DATA_DIR: E2E_DATA_DIR,
      PORT: String(PORT),
      EMULATOR_PORT: String(PORT + 10),
      MQTT_EMULATOR_PORT: String(PORT + 11),
      // The tests inject Medium One faults through the emulator's control surface.
      ONBOARD_EMULATOR_CONTROL: "1",
      // Every test comes from localhost: per-client budgets sized for one consumer would stop the suite.
      USER_CREATIONS_PER_CLIENT_PER_DAY: "10000",
      UNKNOWN_CODES_PER_CLIENT_PER_HOUR: "1000",
      CONSUMER_LOGINS_OVERALL: "10000",
    },
  },
});
