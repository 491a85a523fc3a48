import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "@/lib/config";
import { createMediumOneClient, Unauthorized } from "@/lib/medium-one";
import { startEmbeddedEmulator } from "@/lib/medium-one/emulator/embedded";
import type { RunningEmulator } from "@/lib/medium-one/emulator";
import { probeMediumOne } from "@/lib/medium-one/reachability";
import { checkHealth } from "@/lib/health";
import { ROOT } from "../../support/run-script";
import { GOOD_PASSWORD } from "./harness";

const RUNNING = Symbol.for("onboard.mediumOneEmulator");
const holder = globalThis as { [RUNNING]?: Promise<RunningEmulator> };
const dirs: string[] = [];

afterEach(async () => {
  await (await holder[RUNNING])?.close();
  delete holder[RUNNING];
  delete process.env.ONBOARD_EMULATOR_CONTROL;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function embeddedConfig(env: Record<string, string> = {}): Promise<Config> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-embedded-"));
  dirs.push(dataDir);
  return loadConfig(
    {
      ONBOARD_DATA_DIR: dataDir,
      EMULATOR_PORT: String(await freePort()),
      MQTT_EMULATOR_PORT: String(await freePort()),
      ...env,
    },
    { notice: () => {} },
  );
}

describe("embedded emulator", () => {
  it("starts once per process, and the configured client works against it with both API keys", async () => {
    const config = await embeddedConfig();
    const first = startEmbeddedEmulator(config);
    expect(startEmbeddedEmulator(config)).toBe(first);
    const emulator = await first!;
    expect(emulator.url).toBe(config.mediumOne.baseUrl);
    expect(emulator.mqttPort).toBe(config.emulator?.mqttPort);
    expect(emulator.mqttPort).toBe(config.mediumOne.mqttPort);
    expect(fs.existsSync(path.join(config.dataDir, "medium-one-emulator", "state.json"))).toBe(true);

    const client = createMediumOneClient(config.mediumOne);
    expect(client.account.kind).toBe("business");
    await client.account.createUser("embedded-user", GOOD_PASSWORD);
    const asDevice = createMediumOneClient({ ...config.mediumOne, apiKey: config.mediumOne.deviceApiKey });
    await expect(asDevice.asUser("embedded-user", GOOD_PASSWORD).getSelf()).resolves.toMatchObject({
      loginId: "embedded-user",
    });
    expect(config.mediumOne.deviceApiKey).not.toBe(config.mediumOne.apiKey);

    const control = await fetch(new URL("../__control/state", emulator.url));
    expect(control.status).toBe(404);
  });

  it("seeds a registration account when so configured, and serves control only with ONBOARD_EMULATOR_CONTROL=1", async () => {
    process.env.ONBOARD_EMULATOR_CONTROL = "1";
    const config = await embeddedConfig({ MEDIUM_ONE_ACCOUNT_KIND: "registration" });
    const emulator = await startEmbeddedEmulator(config)!;
    const client = createMediumOneClient(config.mediumOne);
    expect(client.account.can("listUsers")).toBe(false);
    await client.account.createUser("reg-created", GOOD_PASSWORD);
    expect((await fetch(new URL("../__control/state", emulator.url))).status).toBe(200);
  });

  it("is not started in deployed mode", () => {
    const config = { emulator: null } as Config;
    expect(startEmbeddedEmulator(config)).toBeUndefined();
  });
});

describe("Medium One health check", () => {
  it("proves reachability without logging in, and fails when nothing listens", async () => {
    const config = await embeddedConfig({ MEDIUM_ONE_LOGIN_ID: "health-probe-account" });
    const emulator = await startEmbeddedEmulator(config)!;
    await expect(probeMediumOne(emulator.url, { timeoutMs: 2000 })).resolves.toBeUndefined();
    const report = await checkHealth({
      mediumOne: () => probeMediumOne(emulator.url, { timeoutMs: 2000 }),
    });
    expect(report.checks.mediumOne?.ok).toBe(true);
    // No login happened: the account can still log in after many probes, and the probe sent no credentials.
    for (let i = 0; i < 10; i++) await probeMediumOne(emulator.url, { timeoutMs: 2000 });
    await expect(createMediumOneClient(config.mediumOne).account.login()).resolves.toBeUndefined();

    const dead = `http://127.0.0.1:${await freePort()}/v2/`;
    const down = await checkHealth({ mediumOne: () => probeMediumOne(dead, { timeoutMs: 2000 }) });
    expect(down.status).toBe("unavailable");
    expect(down.checks.mediumOne).toMatchObject({ ok: false, error: "mediumOne unreachable" });
  });

  it("treats an answer other than 400 as a failure", async () => {
    const config = await embeddedConfig();
    const emulator = await startEmbeddedEmulator(config)!;
    await expect(
      probeMediumOne(new URL("../elsewhere/", emulator.url).toString(), { timeoutMs: 2000 }),
    ).rejects.toThrow(/HTTP 404/);
    await expect(
      createMediumOneClient({ ...config.mediumOne, password: "Wrong-Pass-1" }).account.login(),
    ).rejects.toBeInstanceOf(Unauthorized);
  });
});

describe("npm run emulator", () => {
  it("prints its defaults and URL, serves, and stops on Ctrl+C", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-emulator-cli-"));
    dirs.push(dataDir);
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        "--conditions=react-server",
        path.join(ROOT, "scripts/emulator.ts"),
        "--port",
        "0",
        "--data",
        dataDir,
        "--registration-user",
        "reg:Reg-Pass-123",
        "--duplicate-status",
        "403",
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test" } },
    );
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", () => {
        const match = /listening at (\S+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.on("exit", () => reject(new Error(`emulator exited early: ${stdout}`)));
    });
    expect(stdout).toContain("Default API key EMULATOR-API-KEY");
    expect(stdout).toContain("Default business user business:Business-Pass-1");
    expect(stdout).toContain("duplicateStatus=403");
    const login = await fetch(new URL("login", url), {
      method: "POST",
      body: JSON.stringify({ login_id: "reg", password: "Reg-Pass-123", api_key: "EMULATOR-API-KEY" }),
    });
    expect(login.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", (exitCode) => resolve(exitCode));
      child.kill("SIGINT");
    });
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "state.json"))).toBe(true);
  });
});
