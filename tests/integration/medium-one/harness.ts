import { MediumOneClient, type MediumOneClientOptions } from "@/lib/medium-one/client";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@/lib/medium-one/emulator";
import { ManualClock } from "@/lib/security/clock";

export const API_KEY = "SERVER_KEY_0123456789ABCDEFGHIJ";
export const DEVICE_API_KEY = "DEVICE_KEY_0123456789ABCDEFGHIJ";
export const BUSINESS = { loginId: "biz_user", password: "Business-Secret-1" };
export const REGISTRATION = { loginId: "reg_user", password: "Registration-Secret-2" };
/** Meets the default rule (≥ 8 chars, upper, lower, digit). */
export const GOOD_PASSWORD = "Device-Pass-42";

export interface Harness {
  emulator: RunningEmulator;
  clock: ManualClock;
  business: MediumOneClient;
  registration: MediumOneClient;
  client(options?: Partial<MediumOneClientOptions>): MediumOneClient;
  close(): Promise<void>;
}

export async function startHarness(
  emulatorOptions: Partial<EmulatorOptions> = {},
  clientOptions: Partial<MediumOneClientOptions> = {},
): Promise<Harness> {
  const clock = new ManualClock("2026-11-25T10:00:00Z");
  const emulator = await startEmulator({
    port: 0,
    apiKeys: [
      { key: API_KEY, enabled: true },
      { key: DEVICE_API_KEY, enabled: true },
    ],
    businessUsers: [BUSINESS],
    registrationUsers: [REGISTRATION],
    clock,
    control: true,
    ...emulatorOptions,
  });
  const client = (options: Partial<MediumOneClientOptions> = {}) =>
    new MediumOneClient({
      baseUrl: emulator.url,
      apiKey: API_KEY,
      timeoutMs: 2000,
      clock,
      account: { kind: "business", ...BUSINESS },
      ...clientOptions,
      ...options,
    });
  return {
    emulator,
    clock,
    business: client(),
    registration: client({ account: { kind: "registration", ...REGISTRATION } }),
    client,
    close: () => emulator.close(),
  };
}
