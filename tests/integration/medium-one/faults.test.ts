import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  NotFound,
  OutcomeUnknown,
  Pending,
  RateLimited,
  Unauthorized,
  Unavailable,
  UsernameTaken,
} from "@/lib/medium-one/errors";
import { GOOD_PASSWORD, startHarness, type Harness } from "./harness";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

describe("injected faults", () => {
  it("latency beyond the client's timeout is an unknown outcome; below it the call succeeds", async () => {
    h.emulator.injectFault({ method: "GET", path: "/users", kind: "latency", ms: 400, times: 1 });
    const impatient = h.client({ timeoutMs: 100 }).account;
    await impatient.login();
    await expect(impatient.listUsers()).rejects.toBeInstanceOf(OutcomeUnknown);
    h.emulator.injectFault({ method: "GET", path: "/users", kind: "latency", ms: 20, times: 1 });
    await expect(h.business.account.listUsers()).resolves.toEqual([]);
  });

  it("a 5xx is Unavailable and nothing was created", async () => {
    h.emulator.injectFault({ method: "POST", path: "/users", kind: "status", status: 503, times: 1 });
    const error = await h.business.account.createUser("u503", GOOD_PASSWORD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Unavailable);
    expect((error as Unavailable).retryable).toBe(true);
    expect((error as Unavailable).status).toBe(503);
    await expect(h.business.account.getUser("u503")).rejects.toBeInstanceOf(NotFound);
    await expect(h.business.account.createUser("u503", GOOD_PASSWORD)).resolves.toEqual({ loginId: "u503" });
  });

  it("a 429 carries Retry-After when given, and nothing when not", async () => {
    h.emulator.injectFault({ path: "/users", kind: "rate-limit", retryAfterSeconds: 7, times: 1 });
    h.emulator.injectFault({ path: "/users", kind: "rate-limit", times: 1 });
    const first = await h.business.account.createUser("r1", GOOD_PASSWORD).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(RateLimited);
    expect((first as RateLimited).retryAfterMs).toBe(7000);
    const second = await h.business.account.createUser("r1", GOOD_PASSWORD).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(RateLimited);
    expect((second as RateLimited).retryAfterMs).toBeUndefined();
  });

  it("202-then-ready after N polls: Pending, invisible, then visible", async () => {
    h.emulator.injectFault({ method: "POST", path: "/users", kind: "accepted-later", readyAfterPolls: 2 });
    await expect(h.business.account.createUser("slow", GOOD_PASSWORD)).rejects.toBeInstanceOf(Pending);
    await expect(h.business.account.getUser("slow")).rejects.toBeInstanceOf(NotFound);
    await expect(h.business.account.getUser("slow")).resolves.toMatchObject({ loginId: "slow" });
  });

  it("202-then-ready after a time on the emulator clock, also when polled by logging in as the user", async () => {
    h.emulator.injectFault({ method: "POST", path: "/users", kind: "accepted-later", readyAfterMs: 60_000 });
    await expect(h.registration.account.createUser("later", GOOD_PASSWORD)).rejects.toBeInstanceOf(Pending);
    await expect(h.business.asUser("later", GOOD_PASSWORD).getSelf()).rejects.toBeInstanceOf(Unauthorized);
    h.clock.advance(60_000);
    await expect(h.business.asUser("later", GOOD_PASSWORD).getSelf()).resolves.toMatchObject({
      loginId: "later",
    });
  });

  it("hang until the client times out: an unknown outcome, and nothing happened", async () => {
    h.emulator.injectFault({ method: "POST", path: "/users", kind: "hang", times: 1 });
    const account = h.client({ timeoutMs: 150 }).account;
    await expect(account.createUser("hung", GOOD_PASSWORD)).rejects.toBeInstanceOf(OutcomeUnknown);
    await expect(h.business.account.getUser("hung")).rejects.toBeInstanceOf(NotFound);
  });

  it("done but the response is lost: an unknown outcome, and the user exists", async () => {
    h.emulator.injectFault({ method: "POST", path: "/users", kind: "lose-response", times: 1 });
    await expect(h.business.account.createUser("lost", GOOD_PASSWORD)).rejects.toBeInstanceOf(OutcomeUnknown);
    await expect(h.business.account.getUser("lost")).resolves.toMatchObject({ loginId: "lost" });
    await expect(h.business.account.createUser("lost", GOOD_PASSWORD)).rejects.toBeInstanceOf(UsernameTaken);
  });

  it("count-limited faults stop after their count; unlimited ones last until cleared", async () => {
    h.emulator.injectFault({ method: "GET", path: "/users/*", kind: "status", status: 500, times: 2 });
    await h.business.account.createUser("counted", GOOD_PASSWORD);
    await expect(h.business.account.getUser("counted")).rejects.toBeInstanceOf(Unavailable);
    await expect(h.business.account.getUser("counted")).rejects.toBeInstanceOf(Unavailable);
    await expect(h.business.account.getUser("counted")).resolves.toMatchObject({ loginId: "counted" });

    h.emulator.injectFault({ path: "/**", kind: "status", status: 502 });
    for (let i = 0; i < 3; i++) {
      await expect(h.business.account.listUsers()).rejects.toBeInstanceOf(Unavailable);
    }
    expect(h.emulator.listFaults()).toHaveLength(1);
    h.emulator.clearFaults();
    await expect(h.business.account.listUsers()).resolves.toHaveLength(1);
  });

  it("a fault on the login path fails the session's login", async () => {
    h.emulator.injectFault({ method: "POST", path: "/login", kind: "status", status: 503, times: 1 });
    await expect(h.business.account.listUsers()).rejects.toBeInstanceOf(Unavailable);
    await expect(h.business.account.listUsers()).resolves.toEqual([]);
  });
});

describe("connection refused", () => {
  it("is Unavailable: nothing was sent", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const client = h.client({ baseUrl: `http://127.0.0.1:${port}/v2/` });
    await expect(client.account.createUser("nobody", GOOD_PASSWORD)).rejects.toBeInstanceOf(Unavailable);
  });
});

describe("control surface over HTTP", () => {
  const control = (path: string, init: RequestInit = {}) =>
    fetch(new URL(`../__control/${path}`, h.emulator.url), {
      ...init,
      headers: { "Content-Type": "application/json" },
    });

  it("injects faults, moves the clock, lists state, switches API keys and resets", async () => {
    const fault = await control("faults", {
      method: "POST",
      body: JSON.stringify({ method: "GET", path: "/users", kind: "status", status: 500, times: 1 }),
    });
    expect(await fault.json()).toEqual({ id: 1 });
    await expect(h.business.account.listUsers()).rejects.toBeInstanceOf(Unavailable);

    const moved = await control("clock", { method: "POST", body: JSON.stringify({ advanceMs: 60_000 }) });
    expect(await moved.json()).toEqual({ now: "2026-11-25T10:01:00.000Z" });
    await control("clock", { method: "POST", body: JSON.stringify({ set: "2027-01-01T00:00:00Z" }) });
    expect(h.clock.now().toISOString()).toBe("2027-01-01T00:00:00.000Z");

    await control("users", {
      method: "POST",
      body: JSON.stringify({ login_id: "seeded", password: GOOD_PASSWORD }),
    });
    const state = (await (await control("state")).json()) as { users: { loginId: string }[] };
    expect(state.users.map((u) => u.loginId).sort()).toEqual(["biz_user", "reg_user", "seeded"]);
    expect(JSON.stringify(state)).not.toContain("passwordHash");

    await control("api-keys", { method: "POST", body: JSON.stringify({ key: "NEW_KEY_1", enabled: true }) });
    await expect(h.client({ apiKey: "NEW_KEY_1" }).account.listUsers()).resolves.toHaveLength(1);

    expect((await control("reset", { method: "POST" })).status).toBe(200);
    expect(await h.business.account.listUsers()).toEqual([]);

    const bad = await control("faults", { method: "POST", body: JSON.stringify({ kind: "explode" }) });
    expect(bad.status).toBe(400);
    expect((await control("clock", { method: "POST", body: "not json" })).status).toBe(400);
  });
});
