import { eq } from "drizzle-orm";
import type { Config, OnboardingConfig } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { deviceBatches, devices } from "@/lib/db/schema";
import { formatBoxCode, generateBoxCode } from "@/lib/devices/box-code";
import { boxCodeHmac } from "@/lib/devices/code-hmac";
import { MediumOneClient } from "@/lib/medium-one/client";
import type { EmulatorOptions } from "@/lib/medium-one/emulator";
import { TERMS_VERSION, type ClaimInput } from "@/lib/onboarding/contract";
import type { OnboardingDeps } from "@/lib/onboarding/deps";
import type { ManualClock } from "@/lib/security/clock";
import {
  API_KEY,
  BUSINESS,
  DEVICE_API_KEY,
  REGISTRATION,
  startHarness,
  type Harness,
} from "../integration/medium-one/harness";
import { registerDevice } from "./pairing-fixtures";
import { createTestDatabase, type TestDatabase } from "./test-db";
import type { DeviceKind } from "../unit/pairing/test-devices";

export const CODE_HMAC_KEY = "test-code-hmac-key-0123456789abcdef";
/** Strong under zxcvbn and the emulator's rule. */
export const STRONG_PASSWORD = "Granite-Otter-Lantern-73";

export const DEFAULT_ONBOARDING: OnboardingConfig = {
  passwordMinLength: 10,
  passwordMinScore: 3,
  claimLifetimeHours: 24,
  claimCapPerDeviceClient: 3,
  userCreationsPerDevicePerDay: 10,
  userCreationsPerClientPerDay: 10,
  consumerLoginsPerLoginId: 2,
  consumerLoginsOverall: 200,
  consumerLoginWindowMinutes: 15,
  unknownCodesPerClientPerHour: 10,
  unknownCodesPerHour: 500,
  reservedLoginIds: [],
};

export type AccountKind = "business" | "registration";

export interface World {
  h: Harness;
  db: Database;
  testDb: TestDatabase;
  clock: ManualClock;
  kind: AccountKind;
  /** login_id of every POST /v2/login our client sent (the service account's own logins included). */
  logins: string[];
  /** Every create request our client sent, by login_id. */
  creates: string[];
  sleeps: number[];
  deps(clientKey?: string, overrides?: Partial<OnboardingDeps>): OnboardingDeps;
  /** A device registered with a real box code; `code` is formatted as printed on the box. */
  device(options?: { kind?: DeviceKind; batchKind?: "dev" | "factory" }): Promise<TestDeviceWithCode>;
  close(): Promise<void>;
}

export type TestDeviceWithCode = Awaited<ReturnType<typeof registerDevice>> & { code: string };

export async function startWorld(
  options: {
    kind?: AccountKind;
    onboarding?: Partial<OnboardingConfig>;
    mode?: Config["mode"];
    emulator?: Partial<EmulatorOptions>;
    database?: "postgres" | "pglite";
    timeoutMs?: number;
  } = {},
): Promise<World> {
  const kind = options.kind ?? "business";
  const h = await startHarness(options.emulator);
  const testDb = await createTestDatabase(options.database);
  const logins: string[] = [];
  const creates: string[] = [];
  const sleeps: number[] = [];
  const account = kind === "business" ? BUSINESS : REGISTRATION;
  const mediumOne = new MediumOneClient({
    baseUrl: h.emulator.url,
    apiKey: API_KEY,
    timeoutMs: options.timeoutMs ?? 400,
    clock: h.clock,
    account: { kind, ...account },
    fetch: (url, init) => {
      const path = new URL(url).pathname;
      const body = typeof init.body === "string" && init.body.startsWith("{") ? JSON.parse(init.body) : {};
      if (path.endsWith("/v2/login")) logins.push(body.login_id);
      if (path.endsWith("/v2/users") && init.method === "POST") creates.push(body.login_id);
      return fetch(url, init);
    },
  });
  // The service account logs in once up front, so faults injected on /login hit consumer logins only.
  await mediumOne.account.login();
  logins.length = 0;
  const config: OnboardingDeps["config"] = {
    mode: options.mode ?? "embedded",
    secrets: {
      codeHmacKey: CODE_HMAC_KEY,
      ipHashKey: "test-ip-hash-key-0123456789abcdefgh",
      authSecret: "test-auth-secret-0123456789abcdefgh",
      dataEncryptionKey: "test-data-key-0123456789abcdefghijk",
    },
    mediumOne: {
      baseUrl: h.emulator.url,
      apiKey: API_KEY,
      deviceApiKey: DEVICE_API_KEY,
      accountKind: kind,
      loginId: account.loginId,
      password: account.password,
      projectMqttId: "projMqtt01",
      mqttHost: "127.0.0.1",
      mqttPort: 1884,
      mqttTls: false,
      timeoutMs: options.timeoutMs ?? 400,
    },
    onboarding: { ...DEFAULT_ONBOARDING, ...options.onboarding },
  };
  const clock = h.clock;
  return {
    h,
    db: testDb.db,
    testDb,
    clock,
    kind,
    logins,
    creates,
    sleeps,
    deps: (clientKey = "client-a", overrides = {}) => ({
      db: testDb.db,
      clock,
      mediumOne,
      config,
      clientKey,
      // Waits move the shared clock (the emulator's too) and yield briefly, so concurrent requests interleave.
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
        await new Promise((resolve) => setTimeout(resolve, 10));
      },
      random: () => 0.5,
      ...overrides,
    }),
    device: async ({ kind: deviceKind = "ed25519", batchKind = "dev" } = {}) => {
      const registered = await registerDevice(testDb.db, clock, deviceKind);
      const code = generateBoxCode();
      await testDb.db
        .update(devices)
        .set({ codeHmac: boxCodeHmac(CODE_HMAC_KEY, code) })
        .where(eq(devices.id, registered.row.id));
      if (batchKind === "factory") {
        await testDb.db
          .update(deviceBatches)
          .set({ kind: "factory" })
          .where(eq(deviceBatches.id, registered.row.batchId));
      }
      return { ...registered, code: formatBoxCode(code) };
    },
    close: async () => {
      await h.close();
      await testDb.destroy();
    },
  };
}

export function claimInput(
  attemptId: string,
  code: string,
  loginId: string,
  password = STRONG_PASSWORD,
): ClaimInput {
  return {
    attemptId,
    code,
    loginId,
    password,
    confirmPassword: password,
    acceptTerms: true,
    termsVersion: TERMS_VERSION,
  };
}
