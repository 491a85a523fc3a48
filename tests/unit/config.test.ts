import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config";
import { envSchema, MEDIUM_ONE_REQUIRED, SERVER_SECRETS } from "@/lib/config/env-schema";

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-config-"));
  dirs.push(dir);
  return path.join(dir, "data");
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const S = "x".repeat(40);
const deployedEnv = {
  DATABASE_URL: "postgres://db.example/onboard",
  CODE_HMAC_KEY: S,
  IP_HASH_KEY: S,
  AUTH_SECRET: S,
  DATA_ENCRYPTION_KEY: S,
  MEDIUM_ONE_BASE_URL: "https://api.mediumone.com/v2/",
  MEDIUM_ONE_API_KEY: "server-key",
  MEDIUM_ONE_DEVICE_API_KEY: "device-key",
  MEDIUM_ONE_LOGIN_ID: "biz",
  MEDIUM_ONE_PASSWORD: "pw",
  MEDIUM_ONE_PROJECT_MQTT_ID: "7T3kxm_Rdf4",
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("embedded mode (no DATABASE_URL)", () => {
  it("generates secrets once into a 0600 file with a one-line notice, and reuses them", () => {
    const dataDir = tempDataDir();
    const notices: string[] = [];
    const first = loadConfig({ ONBOARD_DATA_DIR: dataDir }, { notice: (l) => notices.push(l) });
    expect(first.mode).toBe("embedded");
    expect(first.database).toEqual({ kind: "pglite", dir: path.join(dataDir, "pglite") });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/secrets\.json/);
    const stat = fs.statSync(path.join(dataDir, "secrets.json"));
    expect(stat.mode & 0o777).toBe(0o600);

    const second = loadConfig({ ONBOARD_DATA_DIR: dataDir }, { notice: (l) => notices.push(l) });
    expect(notices).toHaveLength(1);
    expect(second.secrets).toEqual(first.secrets);
    expect(second.mediumOne.apiKey).toBe(first.mediumOne.apiKey);
  });

  it("uses distinct server and device Medium One keys and points the client at the emulator", () => {
    const config = loadConfig(
      { ONBOARD_DATA_DIR: tempDataDir(), EMULATOR_PORT: "4555" },
      { notice: () => {} },
    );
    expect(config.mediumOne.apiKey).not.toBe(config.mediumOne.deviceApiKey);
    expect(config.mediumOne.baseUrl).toBe("http://127.0.0.1:4555/v2/");
    expect(config.emulator?.port).toBe(4555);
    expect(config.mediumOne.projectMqttId).toMatch(/^[A-Za-z0-9_-]{11}$/);
  });

  it("lets an environment value override a generated secret", () => {
    const config = loadConfig(
      { ONBOARD_DATA_DIR: tempDataDir(), CODE_HMAC_KEY: "k".repeat(32) },
      { notice: () => {} },
    );
    expect(config.secrets.codeHmacKey).toBe("k".repeat(32));
  });
});

describe("deployed mode (DATABASE_URL set)", () => {
  it("loads when every secret comes from the environment, without writing a secrets file", () => {
    const dataDir = tempDataDir();
    const config = loadConfig({ ...deployedEnv, ONBOARD_DATA_DIR: dataDir });
    expect(config.mode).toBe("deployed");
    expect(config.database).toEqual({ kind: "postgres", url: deployedEnv.DATABASE_URL });
    expect(config.emulator).toBeNull();
    expect(fs.existsSync(path.join(dataDir, "secrets.json"))).toBe(false);
  });

  it.each([...SERVER_SECRETS, ...MEDIUM_ONE_REQUIRED])("stops with the name of a missing %s", (name) => {
    const env: Record<string, string> = { ...deployedEnv };
    delete env[name];
    expect(problemsOf(() => loadConfig(env))).toEqual([
      `${name}: required when DATABASE_URL is set (deployed mode)`,
    ]);
  });

  it("treats an empty variable as missing", () => {
    expect(problemsOf(() => loadConfig({ ...deployedEnv, AUTH_SECRET: "" }))).toEqual([
      "AUTH_SECRET: required when DATABASE_URL is set (deployed mode)",
    ]);
  });
});

describe("bad values stop the start with the variable's name and what is wrong", () => {
  it.each([
    [{ PORT: "eighty" }, "PORT: must be a whole number"],
    [{ PORT: "70000" }, "PORT: must be between 1 and 65535"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must be a postgres:// or postgresql:// URL"],
    [
      { AUTH_SECRET: "short" },
      "AUTH_SECRET: must be at least 32 characters (generate one with: openssl rand -base64 32)",
    ],
    [{ MEDIUM_ONE_ACCOUNT_KIND: "admin" }, "MEDIUM_ONE_ACCOUNT_KIND: must be business or registration"],
    [{ MEDIUM_ONE_MQTT_TLS: "yes" }, "MEDIUM_ONE_MQTT_TLS: must be true or false"],
    [
      { PUBLIC_BASE_URL: "not a url" },
      "PUBLIC_BASE_URL: must be an absolute URL such as https://example.com",
    ],
  ])("%o", (env, problem) => {
    expect(problemsOf(() => loadConfig({ ONBOARD_DATA_DIR: tempDataDir(), ...env }))).toContain(problem);
  });
});

describe("README", () => {
  it("documents every environment variable the schema reads", () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
    const missing = Object.keys(envSchema.shape).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
