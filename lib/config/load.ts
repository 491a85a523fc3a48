import path from "node:path";
import type { z } from "zod";
import { ConfigError } from "./errors";
import { loadOrCreateEmbeddedSecrets } from "./embedded-secrets";
import { envSchema, MEDIUM_ONE_REQUIRED, SERVER_SECRETS, type Env } from "./env-schema";

export type Mode = "embedded" | "deployed";
export type MediumOneAccountKind = "business" | "registration";

export interface Config {
  mode: Mode;
  dataDir: string;
  port: number;
  publicBaseUrl: string;
  trustedProxies: string[];
  logLevel: Env["LOG_LEVEL"];
  database: { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };
  secrets: {
    codeHmacKey: string;
    ipHashKey: string;
    authSecret: string;
    dataEncryptionKey: string;
  };
  mediumOne: {
    baseUrl: string;
    apiKey: string;
    deviceApiKey: string;
    accountKind: MediumOneAccountKind;
    loginId: string;
    password: string;
    projectMqttId: string;
    mqttHost: string;
    mqttPort: number;
    mqttTls: boolean;
    timeoutMs: number;
  };
  /** Consumer setup (lib/onboarding): password rule, claim lifetime, caps and budgets. */
  onboarding: OnboardingConfig;
  /** Embedded mode runs the Medium One emulator beside the app; deployed mode never does. */
  emulator: { port: number; mqttPort: number } | null;
}

export interface OnboardingConfig {
  passwordMinLength: number;
  /** zxcvbn-ts score (0–4) a new password must reach. */
  passwordMinScore: number;
  claimLifetimeHours: number;
  /** Pending claims one client may hold on one device. */
  claimCapPerDeviceClient: number;
  userCreationsPerDevicePerDay: number;
  /** Stricter by default with a registration-only account, whose users we can never disable. */
  userCreationsPerClientPerDay: number;
  /** Failed logins as consumer users we risk per login_id per window: kept below Medium One's lockout. */
  consumerLoginsPerLoginId: number;
  consumerLoginsOverall: number;
  consumerLoginWindowMinutes: number;
  unknownCodesPerClientPerHour: number;
  unknownCodesPerHour: number;
  /** Login ids never offered to consumers: our service accounts (the configured one is always included). */
  reservedLoginIds: string[];
}

function describe(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`);
}

type RawEnv = Record<string, string | undefined>;

/** Drops empty strings, so `FOO=` behaves like an unset variable (as shells and .env files often produce). */
function withoutEmpty(env: RawEnv): RawEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
}

/**
 * Reads and validates the whole configuration once. The mode is decided here and nowhere else:
 * `DATABASE_URL` set → deployed, unset → embedded.
 */
export function loadConfig(
  rawEnv: RawEnv = process.env,
  options: { notice?: (line: string) => void } = {},
): Config {
  const parsed = envSchema.safeParse(withoutEmpty(rawEnv));
  if (!parsed.success) throw new ConfigError(describe(parsed.error.issues));
  const env = parsed.data;
  const mode: Mode = env.DATABASE_URL ? "deployed" : "embedded";
  const dataDir = path.resolve(env.ONBOARD_DATA_DIR);

  let filled: Env = env;
  if (mode === "deployed") {
    const missing = [...SERVER_SECRETS, ...MEDIUM_ONE_REQUIRED].filter((name) => !env[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        missing.map((name) => `${name}: required when DATABASE_URL is set (deployed mode)`),
      );
    }
  } else {
    const generated = loadOrCreateEmbeddedSecrets(dataDir, options.notice);
    // Values from the environment win over generated ones, so a developer can pin any of them.
    filled = {
      ...env,
      ...Object.fromEntries(Object.entries(generated).filter(([name]) => !env[name as keyof Env])),
      MEDIUM_ONE_BASE_URL: env.MEDIUM_ONE_BASE_URL ?? `http://127.0.0.1:${env.EMULATOR_PORT}/v2/`,
      MEDIUM_ONE_MQTT_HOST: rawEnv.MEDIUM_ONE_MQTT_HOST ? env.MEDIUM_ONE_MQTT_HOST : "127.0.0.1",
      MEDIUM_ONE_MQTT_PORT: rawEnv.MEDIUM_ONE_MQTT_PORT ? env.MEDIUM_ONE_MQTT_PORT : env.MQTT_EMULATOR_PORT,
      MEDIUM_ONE_MQTT_TLS: rawEnv.MEDIUM_ONE_MQTT_TLS ? env.MEDIUM_ONE_MQTT_TLS : false,
    };
  }

  const required = <K extends keyof Env>(name: K): NonNullable<Env[K]> => {
    const value = filled[name];
    if (value === undefined || value === null) throw new ConfigError([`${String(name)}: required`]);
    return value as NonNullable<Env[K]>;
  };

  return {
    mode,
    dataDir,
    port: env.PORT,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    trustedProxies: env.TRUSTED_PROXIES.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL,
    database:
      mode === "deployed"
        ? { kind: "postgres", url: required("DATABASE_URL") }
        : { kind: "pglite", dir: path.join(dataDir, "pglite") },
    secrets: {
      codeHmacKey: required("CODE_HMAC_KEY"),
      ipHashKey: required("IP_HASH_KEY"),
      authSecret: required("AUTH_SECRET"),
      dataEncryptionKey: required("DATA_ENCRYPTION_KEY"),
    },
    mediumOne: {
      baseUrl: required("MEDIUM_ONE_BASE_URL"),
      apiKey: required("MEDIUM_ONE_API_KEY"),
      deviceApiKey: required("MEDIUM_ONE_DEVICE_API_KEY"),
      accountKind: env.MEDIUM_ONE_ACCOUNT_KIND,
      loginId: required("MEDIUM_ONE_LOGIN_ID"),
      password: required("MEDIUM_ONE_PASSWORD"),
      projectMqttId: required("MEDIUM_ONE_PROJECT_MQTT_ID"),
      mqttHost: filled.MEDIUM_ONE_MQTT_HOST,
      mqttPort: filled.MEDIUM_ONE_MQTT_PORT,
      mqttTls: filled.MEDIUM_ONE_MQTT_TLS,
      timeoutMs: env.MEDIUM_ONE_TIMEOUT_MS,
    },
    onboarding: {
      passwordMinLength: env.PASSWORD_MIN_LENGTH,
      passwordMinScore: env.PASSWORD_MIN_SCORE,
      claimLifetimeHours: env.CLAIM_LIFETIME_HOURS,
      claimCapPerDeviceClient: env.CLAIM_CAP_PER_DEVICE_CLIENT,
      userCreationsPerDevicePerDay: env.USER_CREATIONS_PER_DEVICE_PER_DAY,
      userCreationsPerClientPerDay:
        env.USER_CREATIONS_PER_CLIENT_PER_DAY ?? (env.MEDIUM_ONE_ACCOUNT_KIND === "registration" ? 3 : 10),
      consumerLoginsPerLoginId: env.CONSUMER_LOGINS_PER_LOGIN_ID,
      consumerLoginsOverall: env.CONSUMER_LOGINS_OVERALL,
      consumerLoginWindowMinutes: env.CONSUMER_LOGIN_WINDOW_MINUTES,
      unknownCodesPerClientPerHour: env.UNKNOWN_CODES_PER_CLIENT_PER_HOUR,
      unknownCodesPerHour: env.UNKNOWN_CODES_PER_HOUR,
      reservedLoginIds: [
        required("MEDIUM_ONE_LOGIN_ID"),
        ...env.MEDIUM_ONE_RESERVED_LOGIN_IDS.split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ],
    },
    emulator: mode === "embedded" ? { port: env.EMULATOR_PORT, mqttPort: env.MQTT_EMULATOR_PORT } : null,
  };
}
