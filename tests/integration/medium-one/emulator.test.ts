import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@/lib/medium-one/emulator";
import { ManualClock, MINUTE } from "@/lib/security/clock";
import { API_KEY, BUSINESS, GOOD_PASSWORD, REGISTRATION } from "./harness";

const open: RunningEmulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function emulator(options: Partial<EmulatorOptions> = {}) {
  const clock = new ManualClock("2026-11-25T10:00:00Z");
  const running = await startEmulator({
    port: 0,
    apiKeys: [
      { key: API_KEY, enabled: true },
      { key: "DISABLED_KEY", enabled: false },
    ],
    businessUsers: [BUSINESS],
    registrationUsers: [REGISTRATION],
    clock,
    ...options,
  });
  open.push(running);
  return { running, clock };
}

/** Raw HTTP against the emulator, to pin down its statuses and bodies. */
function call(e: RunningEmulator, method: string, path: string, body?: unknown, cookie?: string) {
  return fetch(new URL(path, e.url), {
    method,
    headers: { "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function login(e: RunningEmulator, loginId: string, password: string, extra: object = {}) {
  return call(e, "POST", "login", { login_id: loginId, password, api_key: API_KEY, ...extra });
}

async function cookieOf(e: RunningEmulator, account = BUSINESS): Promise<string> {
  const response = await login(e, account.loginId, account.password);
  expect(response.status).toBe(200);
  return response.headers.getSetCookie()[0]!.split(";")[0]!;
}

async function errorMessage(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}

describe("login", () => {
  it("answers true with a cookie, on /v2/login and /v2/login/", async () => {
    const { running } = await emulator();
    for (const path of ["login", "login/"]) {
      const response = await call(running, "POST", path, {
        login_id: BUSINESS.loginId,
        password: BUSINESS.password,
        api_key: API_KEY,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.text()).toBe("true");
      expect(response.headers.getSetCookie()[0]).toMatch(
        /^m1_session=[^;]+; Path=\/; HttpOnly; Max-Age=86400$/,
      );
    }
  });

  it("answers a token for no_cookies as a body field or a query parameter, in the chosen form", async () => {
    const { running } = await emulator();
    const inBody = await login(running, BUSINESS.loginId, BUSINESS.password, { no_cookies: true });
    expect(JSON.parse(await inBody.text())).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(inBody.headers.getSetCookie()).toEqual([]);
    const bare = await emulator({ choices: { tokenBody: "bare" } });
    const inQuery = await call(bare.running, "POST", "login?no_cookies=1", {
      login_id: BUSINESS.loginId,
      password: BUSINESS.password,
      api_key: API_KEY,
    });
    const token = await inQuery.text();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await call(bare.running, "GET", `users?token=${token}`)).status).toBe(200);
  });

  it("refuses bad JSON and missing fields with 400, never crashing", async () => {
    const { running } = await emulator();
    for (const body of ["{not json", "", "[]", "null", JSON.stringify({ login_id: "x" })]) {
      const response = await call(running, "POST", "login", body);
      expect(response.status).toBe(400);
      expect(await errorMessage(response)).toBeTruthy();
    }
    expect((await login(running, BUSINESS.loginId, BUSINESS.password)).status).toBe(200);
  });

  it("refuses unknown users (403), wrong passwords (choice), disabled users and unknown or disabled keys", async () => {
    const { running } = await emulator();
    running.addUser("off", GOOD_PASSWORD, { disabled: true });
    expect((await login(running, "ghost", GOOD_PASSWORD)).status).toBe(403);
    const wrong = await login(running, BUSINESS.loginId, "Wrong-Pass-1");
    expect(wrong.status).toBe(401);
    expect(await errorMessage(wrong)).toMatch(/password/i);
    expect((await login(running, "off", GOOD_PASSWORD)).status).toBe(403);
    for (const key of ["DISABLED_KEY", "UNKNOWN"]) {
      const response = await call(running, "POST", "login", {
        login_id: BUSINESS.loginId,
        password: BUSINESS.password,
        api_key: key,
      });
      expect(response.status).toBe(401);
      expect(await errorMessage(response)).toMatch(/api/i);
    }
    const other = await emulator({ choices: { wrongPasswordStatus: 400 } });
    expect((await login(other.running, BUSINESS.loginId, "Wrong-Pass-1")).status).toBe(400);
  });

  it("expires sessions after 24 h of the emulator clock", async () => {
    const { running, clock } = await emulator();
    const cookie = await cookieOf(running);
    expect((await call(running, "GET", "users", undefined, cookie)).status).toBe(200);
    clock.advance(24 * 60 * MINUTE);
    expect((await call(running, "GET", "users", undefined, cookie)).status).toBe(401);
  });
});

describe("lockout", () => {
  async function failTimes(e: RunningEmulator, loginId: string, n: number) {
    for (let i = 0; i < n; i++) await login(e, loginId, "Wrong-Pass-1");
  }

  it("locks a login_id after 5 bad logins and clears after 5 minutes without attempts", async () => {
    const { running, clock } = await emulator();
    running.addUser("dev", GOOD_PASSWORD);
    await failTimes(running, "dev", 5);
    const locked = await login(running, "dev", GOOD_PASSWORD);
    expect(locked.status).toBe(403);
    expect(await errorMessage(locked)).toBe("Exceeded bad login count");
    clock.advance(4 * MINUTE);
    // An attempt while locked keeps it locked: the five minutes start again.
    expect((await login(running, "dev", GOOD_PASSWORD)).status).toBe(403);
    clock.advance(4 * MINUTE);
    expect((await login(running, "dev", GOOD_PASSWORD)).status).toBe(403);
    clock.advance(5 * MINUTE);
    expect((await login(running, "dev", GOOD_PASSWORD)).status).toBe(200);
    // Other login_ids were never affected under the default per-login_id counting.
    expect((await login(running, BUSINESS.loginId, BUSINESS.password)).status).toBe(200);
  });

  it("counts per IP when chosen, and answers with the chosen status", async () => {
    const { running } = await emulator({ choices: { lockoutCounting: "ip", lockoutStatus: 429 } });
    running.addUser("a", GOOD_PASSWORD);
    await failTimes(running, "a", 3);
    await failTimes(running, "b", 2);
    const locked = await login(running, BUSINESS.loginId, BUSINESS.password);
    expect(locked.status).toBe(429);
    expect(await errorMessage(locked)).toMatch(/exceeded bad login count/i);
  });

  it("counts per login_id and IP together when chosen", async () => {
    const { running } = await emulator({ choices: { lockoutCounting: "both" } });
    running.addUser("a", GOOD_PASSWORD);
    await failTimes(running, "a", 2);
    await failTimes(running, "b", 3);
    expect((await login(running, "a", GOOD_PASSWORD)).status).toBe(403);
  });

  it("a good login resets the count unless chosen otherwise", async () => {
    for (const [goodLoginResets, expected] of [
      ["yes", 200],
      ["no", 403],
    ] as const) {
      const { running } = await emulator({ choices: { goodLoginResets } });
      running.addUser("dev", GOOD_PASSWORD);
      await failTimes(running, "dev", 4);
      expect((await login(running, "dev", GOOD_PASSWORD)).status).toBe(200);
      await failTimes(running, "dev", 1);
      expect((await login(running, "dev", GOOD_PASSWORD)).status).toBe(expected);
    }
  });

  it("honours a configured threshold", async () => {
    const { running } = await emulator({ lockoutThreshold: 2 });
    running.addUser("dev", GOOD_PASSWORD);
    await failTimes(running, "dev", 2);
    expect((await login(running, "dev", GOOD_PASSWORD)).status).toBe(403);
  });
});

describe("users", () => {
  it("answers the documented statuses and bodies", async () => {
    const { running } = await emulator();
    const biz = await cookieOf(running);
    const reg = await cookieOf(running, REGISTRATION);
    expect((await call(running, "POST", "users", { login_id: "x", password: GOOD_PASSWORD })).status).toBe(
      401,
    );
    const created = await call(
      running,
      "POST",
      "users/",
      { login_id: "a@b.c", password: GOOD_PASSWORD },
      reg,
    );
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({ login_id: "a@b.c" });
    const duplicate = await call(
      running,
      "POST",
      "users",
      { login_id: "a@b.c", password: GOOD_PASSWORD },
      biz,
    );
    expect(duplicate.status).toBe(400);
    expect(await errorMessage(duplicate)).toMatch(/already exists/);
    const weak = await call(running, "POST", "users", { login_id: "w", password: "alllowercase1" }, biz);
    expect(weak.status).toBe(400);
    expect(await errorMessage(weak)).toMatch(/complexity/);
    expect((await call(running, "POST", "users", "{oops", biz)).status).toBe(400);
    expect((await call(running, "POST", "users", { login_id: "nopw" }, biz)).status).toBe(400);

    const got = await call(running, "GET", "users/a%40b.c", undefined, biz);
    const body = (await got.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["disabled", "login_id", "mqtt_id"]);
    expect(body.mqtt_id).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect((await call(running, "GET", "users/a%40b.c", undefined, reg)).status).toBe(403);
    expect((await call(running, "GET", "users", undefined, reg)).status).toBe(403);
    expect((await call(running, "DELETE", "users/a%40b.c", undefined, reg)).status).toBe(403);
    expect((await call(running, "GET", "users/nobody", undefined, biz)).status).toBe(404);
    expect((await call(running, "GET", "users/%E0%A4%A", undefined, biz)).status).toBe(400);
    // Business users see basic users only, never the service accounts.
    expect((await call(running, "GET", `users/${REGISTRATION.loginId}`, undefined, biz)).status).toBe(404);

    const patch = await call(running, "PATCH", "users/a%40b.c", { colour: "red" }, biz);
    expect(patch.status).toBe(400);
    const patched = await call(running, "PATCH", "users/a%40b.c", { disabled: true }, biz);
    expect(await patched.json()).toEqual({ login_id: "a@b.c" });
    const deleted = await call(running, "DELETE", "users/a%40b.c", undefined, biz);
    expect(deleted.status).toBe(200);
    expect((await call(running, "GET", "users", undefined, biz)).status).toBe(200);
    expect((await call(running, "PUT", "users", undefined, biz)).status).toBe(404);
  });

  it("follows the shape choices", async () => {
    const { running } = await emulator({
      choices: {
        duplicateStatus: 403,
        mqttIdKey: "user_hash",
        listShape: "wrapped",
        mutationBody: "empty",
        userNotFoundStatus: 403,
        createErrorDetail: "vague",
      },
    });
    running.addUser("u", GOOD_PASSWORD);
    const biz = await cookieOf(running);
    const duplicate = await call(running, "POST", "users", { login_id: "u", password: GOOD_PASSWORD }, biz);
    expect(duplicate.status).toBe(403);
    expect(await errorMessage(duplicate)).toBe("User could not be created");
    expect(await (await call(running, "GET", "users/u", undefined, biz)).json()).toHaveProperty("user_hash");
    expect(await (await call(running, "GET", "users", undefined, biz)).json()).toHaveProperty("users");
    expect(await (await call(running, "PATCH", "users/u", { disabled: true }, biz)).text()).toBe("");
    expect((await call(running, "GET", "users/none", undefined, biz)).status).toBe(403);
  });
});

describe("events", () => {
  it("takes one event or newline-delimited events, all or nothing, and queries them", async () => {
    const { running } = await emulator({ choices: { eventCountBody: "object", eventsFormat: "array" } });
    running.addUser("dev", GOOD_PASSWORD);
    const device = await cookieOf(running, { loginId: "dev", password: GOOD_PASSWORD });
    const biz = await cookieOf(running);
    const one = await call(
      running,
      "POST",
      "events/raw",
      { event_data: { a: 1 }, add_client_ip: true },
      device,
    );
    expect(await one.json()).toEqual({ count: 1 });
    const lines = ['{"event_data":{"b":2}}', '{"event_data":{"c":3},"observed_at":"2026-11-25T08:00:00Z"}'];
    expect(await (await call(running, "POST", "events/raw/dev", lines.join("\n"), device)).json()).toEqual({
      count: 2,
    });
    for (const bad of [
      '{"event_data":{"d":4}}\n{"nope":1}',
      '{"event_data":{"d":4},"observed_at":"2026-11-25T08:00:00"}',
      "{broken",
      "",
    ]) {
      expect((await call(running, "POST", "events/raw/dev", bad, device)).status).toBe(400);
    }
    expect((await call(running, "POST", "events/raw/dev", { event_data: { x: 1 } }, biz)).status).toBe(200);
    expect((await call(running, "POST", "events/raw", { event_data: { x: 1 } }, biz)).status).toBe(400);
    expect((await call(running, "POST", "events/raw/biz_user", { event_data: {} }, device)).status).toBe(403);

    const all = (await (await call(running, "GET", "events/raw/dev", undefined, biz)).json()) as {
      event_data: Record<string, unknown>;
    }[];
    expect(all.map((e) => e.event_data)).toEqual([
      { a: 1, ip_address: expect.any(String) },
      { b: 2 },
      { c: 3 },
      { x: 1 },
    ]);
    const sorted = (await (
      await call(running, "GET", "events/raw/dev?sort_by=observed_at&limit=1", undefined, biz)
    ).json()) as { event_data: Record<string, unknown> }[];
    expect(sorted.map((e) => e.event_data)).toEqual([{ c: 3 }]);
    for (const query of [
      "limit=0",
      "limit=10001",
      "since=yesterday",
      "sort_by=colour",
      "sort_direction=up",
    ]) {
      expect((await call(running, "GET", `events/raw/dev?${query}`, undefined, biz)).status).toBe(400);
    }
  });

  it("refuses a body over 10 MB", async () => {
    const { running } = await emulator();
    running.addUser("dev", GOOD_PASSWORD);
    const device = await cookieOf(running, { loginId: "dev", password: GOOD_PASSWORD });
    const huge = JSON.stringify({ event_data: { blob: "x".repeat(10 * 1024 * 1024) } });
    const response = await call(running, "POST", "events/raw/dev", huge, device).catch(() => undefined);
    // Either a 400 or a connection closed mid-upload: never stored, never a crash.
    if (response) expect(response.status).toBe(400);
    expect((running.state() as { events: number }).events).toBe(0);
    expect((await login(running, "dev", GOOD_PASSWORD)).status).toBe(200);
  });
});

describe("persistence and control", () => {
  it("keeps users, sessions and events across a restart, with passwords hashed on disk", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "m1-emulator-"));
    dirs.push(dataDir);
    const first = await emulator({ dataDir });
    first.running.addUser("kept", GOOD_PASSWORD);
    const cookie = await cookieOf(first.running, { loginId: "kept", password: GOOD_PASSWORD });
    await call(first.running, "POST", "events/raw/kept", { event_data: { v: 1 } }, cookie);
    await first.running.close();

    const file = fs.readFileSync(path.join(dataDir, "state.json"), "utf8");
    expect(file).not.toContain(GOOD_PASSWORD);
    expect(file).not.toContain(BUSINESS.password);
    expect(file).not.toContain(cookie.split("=")[1]);
    expect(fs.readdirSync(dataDir)).toEqual(["state.json"]);

    const second = await emulator({ dataDir });
    expect((await call(second.running, "GET", "users/kept", undefined, cookie)).status).toBe(200);
    const events = await call(second.running, "GET", "events/raw/kept", undefined, cookie);
    expect(JSON.parse(await events.text())).toMatchObject({ event_data: { v: 1 } });
    expect((await login(second.running, "kept", GOOD_PASSWORD)).status).toBe(200);
  });

  it("refuses a damaged state file with a clear message", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "m1-emulator-"));
    dirs.push(dataDir);
    fs.writeFileSync(path.join(dataDir, "state.json"), JSON.stringify({ users: 3 }));
    await expect(emulator({ dataDir })).rejects.toThrow(/damaged/);
  });

  it("serves no control surface unless enabled", async () => {
    const { running } = await emulator();
    const response = await fetch(new URL("../__control/state", running.url));
    expect(response.status).toBe(404);
    expect((await fetch(new URL("../elsewhere", running.url))).status).toBe(404);
  });
});
