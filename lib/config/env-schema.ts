import { z } from "zod";

/**
 * Every environment variable Onboard reads, in one schema. README's configuration table mirrors this file;
 * `tests/unit/config.test.ts` checks that the two agree.
 */

const secret = z
  .string()
  .min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)");

const port = z.coerce
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

const positiveInt = z.coerce
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .positive("must be positive");

const url = z.url({ error: "must be an absolute URL such as https://example.com" });

const bool = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  ONBOARD_DATA_DIR: z.string().min(1).default("data"),
  PORT: port.default(3000),
  PUBLIC_BASE_URL: url.optional(),
  TRUSTED_PROXIES: z.string().default(""),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  CODE_HMAC_KEY: secret.optional(),
  IP_HASH_KEY: secret.optional(),
  AUTH_SECRET: secret.optional(),
  DATA_ENCRYPTION_KEY: secret.optional(),

  MEDIUM_ONE_BASE_URL: url.optional(),
  MEDIUM_ONE_API_KEY: z.string().min(1).optional(),
  MEDIUM_ONE_DEVICE_API_KEY: z.string().min(1).optional(),
  MEDIUM_ONE_ACCOUNT_KIND: z
    .enum(["business", "registration"], { error: "must be business or registration" })
    .default("business"),
  MEDIUM_ONE_LOGIN_ID: z.string().min(1).optional(),
  MEDIUM_ONE_PASSWORD: z.string().min(1).optional(),
  MEDIUM_ONE_PROJECT_MQTT_ID: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]+$/,
      "must be the project MQTT ID from the Medium One portal (letters, digits, _ and -)",
    )
    .optional(),
  MEDIUM_ONE_MQTT_HOST: z.string().min(1).default("mqtt.mediumone.com"),
  MEDIUM_ONE_MQTT_PORT: port.default(61620),
  MEDIUM_ONE_MQTT_TLS: bool.default(true),
  MEDIUM_ONE_TIMEOUT_MS: positiveInt.default(10000),

  MEDIUM_ONE_RESERVED_LOGIN_IDS: z.string().default(""),

  PASSWORD_MIN_LENGTH: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(8, "must be at least 8 (Medium One's own samples use 8)")
    .max(64, "must be at most 64")
    .default(10),
  PASSWORD_MIN_SCORE: z.coerce
    .number({ error: "must be a whole number from 0 to 4" })
    .int("must be a whole number from 0 to 4")
    .min(0, "must be a whole number from 0 to 4")
    .max(4, "must be a whole number from 0 to 4")
    .default(3),
  CLAIM_LIFETIME_HOURS: positiveInt.default(24),
  CLAIM_CAP_PER_DEVICE_CLIENT: positiveInt.default(3),
  USER_CREATIONS_PER_DEVICE_PER_DAY: positiveInt.default(10),
  USER_CREATIONS_PER_CLIENT_PER_DAY: positiveInt.optional(),
  CONSUMER_LOGINS_PER_LOGIN_ID: positiveInt.default(2),
  CONSUMER_LOGINS_OVERALL: positiveInt.default(200),
  CONSUMER_LOGIN_WINDOW_MINUTES: positiveInt.default(15),
  UNKNOWN_CODES_PER_CLIENT_PER_HOUR: positiveInt.default(10),
  UNKNOWN_CODES_PER_HOUR: positiveInt.default(500),

  EMULATOR_PORT: port.default(4010),
  MQTT_EMULATOR_PORT: port.default(1884),
});

export type Env = z.infer<typeof envSchema>;

/** Secrets that deployed mode requires from the environment; embedded mode generates them under the data dir. */
export const SERVER_SECRETS = ["CODE_HMAC_KEY", "IP_HASH_KEY", "AUTH_SECRET", "DATA_ENCRYPTION_KEY"] as const;

/** Medium One settings that deployed mode requires; embedded mode points them at the bundled emulator. */
export const MEDIUM_ONE_REQUIRED = [
  "MEDIUM_ONE_BASE_URL",
  "MEDIUM_ONE_API_KEY",
  "MEDIUM_ONE_DEVICE_API_KEY",
  "MEDIUM_ONE_LOGIN_ID",
  "MEDIUM_ONE_PASSWORD",
  "MEDIUM_ONE_PROJECT_MQTT_ID",
] as const;
