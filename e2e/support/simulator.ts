import type { Locator } from "@playwright/test";
import { pairDevice, stepLine, type ConnectMode, type PairResult } from "@/lib/device-sim";
import type { E2EDevice } from "./devices";
import { E2E_BASE_URL } from "./env";

/**
 * The simulated device holds the phone up to the screen: it decodes a screenshot of the QR on the page, then runs
 * the whole protocol over HTTP against the app and connects to the Medium One emulator.
 */
export async function deviceScans(
  qr: Locator,
  device: E2EDevice,
  connectMode: ConnectMode = "mqtt",
): Promise<PairResult & { log: string }> {
  const png = await qr.screenshot();
  const result = await pairDevice({ keys: device.keys, qr: { png }, apiBaseUrl: E2E_BASE_URL, connectMode });
  return { ...result, log: result.steps.map(stepLine).join("\n") };
}
