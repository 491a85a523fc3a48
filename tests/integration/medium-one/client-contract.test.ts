import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OPERATIONS } from "@/lib/medium-one/capabilities";
import {
  LockedOut,
  MediumOneError,
  NotFound,
  NotPermittedForAccount,
  PasswordRejected,
  RequestRejected,
  Unauthorized,
  UsernameTaken,
} from "@/lib/medium-one/errors";
import type { MediumOneSession } from "@/lib/medium-one/session";
import { API_KEY, BUSINESS, GOOD_PASSWORD, REGISTRATION, startHarness, type Harness } from "./harness";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

/** Every request the emulator served, counted by wrapping fetch. */
function countingFetch() {
  const calls: string[] = [];
  const fetchFn = (input: string, init: RequestInit) => {
    calls.push(`${init.method} ${new URL(input).pathname}`);
    return fetch(input, init);
  };
  return { calls, fetchFn };
}

async function caught(promise: Promise<unknown>): Promise<MediumOneError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MediumOneError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("business account", () => {
  it("creates, reads, lists, patches and deletes users; a login_id with @ travels encoded", async () => {
    const account = h.business.account;
    await expect(account.createUser("jo.doe@example.com", GOOD_PASSWORD)).resolves.toEqual({
      loginId: "jo.doe@example.com",
    });
    const user = await account.getUser("jo.doe@example.com");
    expect(user.loginId).toBe("jo.doe@example.com");
    expect(user.mqttId).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(user.disabled).toBe(false);

    const listed = await account.listUsers();
    expect(listed.map((u) => u.loginId)).toEqual(["jo.doe@example.com"]);

    await account.patchUser("jo.doe@example.com", { disabled: true });
    expect((await account.getUser("jo.doe@example.com")).disabled).toBe(true);
    await account.patchUser("jo.doe@example.com", { disabled: false, password: "Another-Pass-7" });
    await expect(h.business.asUser("jo.doe@example.com", "Another-Pass-7").getSelf()).resolves.toMatchObject({
      mqttId: user.mqttId,
    });

    await account.deleteUser("jo.doe@example.com");
    await expect(account.getUser("jo.doe@example.com")).rejects.toBeInstanceOf(NotFound);
    await expect(account.deleteUser("jo.doe@example.com")).rejects.toBeInstanceOf(NotFound);
    await expect(account.patchUser("nobody", { disabled: true })).rejects.toBeInstanceOf(NotFound);
  });

  it("tells a taken login_id from a weak password, and a weak new password on patch", async () => {
    await h.business.account.createUser("taken", GOOD_PASSWORD);
    await expect(h.business.account.createUser("taken", GOOD_PASSWORD)).rejects.toBeInstanceOf(UsernameTaken);
    await expect(h.business.account.createUser("fresh", "short")).rejects.toBeInstanceOf(PasswordRejected);
    await expect(h.business.account.patchUser("taken", { password: "weak" })).rejects.toBeInstanceOf(
      PasswordRejected,
    );
  });

  it("reads events of any user with since, until, limit and sort", async () => {
    await h.business.account.createUser("dev1", GOOD_PASSWORD);
    const device = h.business.asUser("dev1", GOOD_PASSWORD);
    const sent = await device.sendOwnEvents("raw", [
      { eventData: { n: 1 }, observedAt: "2026-11-25T09:00:00Z" },
      { eventData: { n: 2 }, observedAt: "2026-11-25T09:30:00+00:00" },
      { eventData: { n: 3 }, observedAt: "2026-11-25T09:45:00Z" },
    ]);
    expect(sent).toBe(3);
    await expect(device.sendOwnEvents("raw", [{ eventData: { n: 4 } }])).resolves.toBe(1);

    const all = await h.business.account.readEvents("raw", "dev1");
    expect(all.map((e) => e.eventData.n)).toEqual([1, 2, 3, 4]);
    expect(all[3]?.observedAt).toBe(h.clock.now().toISOString());

    const window = await h.business.account.readEvents("raw", "dev1", {
      since: new Date("2026-11-25T09:15:00Z"),
      until: new Date("2026-11-25T09:50:00Z"),
      sortBy: "observed_at",
      sortDirection: "desc",
    });
    expect(window.map((e) => e.eventData.n)).toEqual([3, 2]);
    const limited = await h.business.account.readEvents("raw", "dev1", { limit: 1, sortDirection: "desc" });
    expect(limited.map((e) => e.eventData.n)).toEqual([4]);
    await expect(h.business.account.readEvents("other", "dev1")).resolves.toEqual([]);
    await expect(h.business.account.readEvents("raw", "dev1", { limit: 10_001 })).rejects.toBeInstanceOf(
      RequestRejected,
    );
  });
});

describe("registration account", () => {
  it("creates users and can do nothing else, refusing before any request", async () => {
    const { calls, fetchFn } = countingFetch();
    const registration = h.client({ account: { kind: "registration", ...REGISTRATION }, fetch: fetchFn });
    const account = registration.account;
    await account.createUser("by-registration", GOOD_PASSWORD);
    expect(calls).toEqual(["POST /v2/login", "POST /v2/users"]);

    expect([...account.capabilities]).toEqual(["createUser"]);
    expect(account.can("getUser")).toBe(false);
    for (const attempt of [
      account.getUser("by-registration"),
      account.listUsers(),
      account.patchUser("by-registration", { disabled: true }),
      account.deleteUser("by-registration"),
      account.readEvents("raw", "by-registration"),
      account.getSelf(),
      account.sendOwnEvents("raw", [{ eventData: {} }]),
    ]) {
      await expect(attempt).rejects.toBeInstanceOf(NotPermittedForAccount);
    }
    expect(calls).toHaveLength(2);
  });

  it("reports a duplicate without logging in as anyone, even when it cannot look the user up", async () => {
    const { calls, fetchFn } = countingFetch();
    const account = h.client({ account: { kind: "registration", ...REGISTRATION }, fetch: fetchFn }).account;
    await account.createUser("dup", GOOD_PASSWORD);
    await expect(account.createUser("dup", GOOD_PASSWORD)).rejects.toBeInstanceOf(UsernameTaken);
    expect(calls.filter((c) => c === "POST /v2/login")).toHaveLength(1);
  });
});

describe("device-user session", () => {
  it("reads itself with its MQTT ID, changes its own password and sends its own events", async () => {
    await h.business.account.createUser("device-a", GOOD_PASSWORD);
    const device: MediumOneSession = h.business.asUser("device-a", GOOD_PASSWORD);
    expect(device.kind).toBe("device-user");
    expect([...device.capabilities].sort()).toEqual(["changeOwnPassword", "getSelf", "sendOwnEvents"]);
    const self = await device.getSelf();
    expect(self.loginId).toBe("device-a");
    expect(self.mqttId).toMatch(/^[A-Za-z0-9_-]{11}$/);

    await device.changeOwnPassword("Changed-Pass-9");
    // The session keeps working after the change, including a fresh login with the new password.
    await device.login();
    await expect(h.business.asUser("device-a", GOOD_PASSWORD).login()).rejects.toBeInstanceOf(Unauthorized);
    await expect(device.createUser("x", GOOD_PASSWORD)).rejects.toBeInstanceOf(NotPermittedForAccount);
    await expect(device.listUsers()).rejects.toBeInstanceOf(NotPermittedForAccount);
  });

  it("is refused with a wrong password, an unknown user, a disabled user or a disabled API key", async () => {
    await h.business.account.createUser("device-b", GOOD_PASSWORD);
    await expect(h.business.asUser("device-b", "Wrong-Pass-1").getSelf()).rejects.toBeInstanceOf(
      Unauthorized,
    );
    await expect(h.business.asUser("ghost", GOOD_PASSWORD).getSelf()).rejects.toBeInstanceOf(Unauthorized);
    await h.business.account.patchUser("device-b", { disabled: true });
    await expect(h.business.asUser("device-b", GOOD_PASSWORD).getSelf()).rejects.toBeInstanceOf(Unauthorized);
    h.emulator.setApiKeyEnabled(API_KEY, false);
    await expect(h.client().account.listUsers()).rejects.toBeInstanceOf(Unauthorized);
  });

  it("cannot send events once disabled, even with a session from before", async () => {
    await h.business.account.createUser("device-c", GOOD_PASSWORD);
    const device = h.business.asUser("device-c", GOOD_PASSWORD);
    await device.sendOwnEvents("raw", [{ eventData: { ok: true } }]);
    await h.business.account.patchUser("device-c", { disabled: true });
    await expect(device.sendOwnEvents("raw", [{ eventData: { ok: false } }])).rejects.toBeInstanceOf(
      Unauthorized,
    );
    expect(await h.business.account.readEvents("raw", "device-c")).toHaveLength(1);
  });
});

describe("sessions", () => {
  it("log in once, reuse the session, and log in again after Medium One's 24 h expiry", async () => {
    const { calls, fetchFn } = countingFetch();
    const account = h.client({ fetch: fetchFn }).account;
    await account.listUsers();
    await account.listUsers();
    expect(calls.filter((c) => c === "POST /v2/login")).toHaveLength(1);
    h.clock.advance(24 * 60 * 60 * 1000 + 1);
    await account.listUsers();
    expect(calls.filter((c) => c === "POST /v2/login")).toHaveLength(2);
  });

  it("log in again once when the service forgets the session (401), then give up", async () => {
    const { calls, fetchFn } = countingFetch();
    const account = h.client({ fetch: fetchFn }).account;
    await account.listUsers();
    h.emulator.reset(); // drops every session; the configured accounts stay
    await account.listUsers();
    expect(calls).toEqual([
      "POST /v2/login",
      "GET /v2/users",
      "GET /v2/users",
      "POST /v2/login",
      "GET /v2/users",
    ]);
  });

  it("work in token mode (no_cookies, ?token=)", async () => {
    const account = h.client({ sessionMode: "token" }).account;
    await account.createUser("token-user", GOOD_PASSWORD);
    await expect(account.getUser("token-user")).resolves.toMatchObject({ loginId: "token-user" });
  });

  it("share one login between concurrent calls", async () => {
    const { calls, fetchFn } = countingFetch();
    const account = h.client({ fetch: fetchFn }).account;
    await Promise.all([account.listUsers(), account.listUsers(), account.listUsers()]);
    expect(calls.filter((c) => c === "POST /v2/login")).toHaveLength(1);
  });

  it("surface the lockout as LockedOut", async () => {
    await h.business.account.createUser("locked", GOOD_PASSWORD);
    for (let i = 0; i < 5; i++) {
      await expect(h.business.asUser("locked", `Wrong-${i}-Pw`).login()).rejects.toBeInstanceOf(Unauthorized);
    }
    await expect(h.business.asUser("locked", GOOD_PASSWORD).login()).rejects.toBeInstanceOf(LockedOut);
  });
});

describe("capabilities", () => {
  it("business sessions can do everything but the device-user operations", () => {
    const account = h.business.account;
    expect(OPERATIONS.filter((op) => account.can(op))).toEqual([
      "createUser",
      "getUser",
      "listUsers",
      "patchUser",
      "deleteUser",
      "readEvents",
    ]);
  });
});

describe("error messages", () => {
  it("never carry a password, token or API key", async () => {
    await h.business.account.createUser("secret-check", GOOD_PASSWORD);
    const weakSecret = "weakpw";
    const errors = [
      await caught(h.business.asUser("secret-check", "Wrong-Secret-Pw-77").login()),
      await caught(h.business.account.createUser("secret-check", GOOD_PASSWORD)),
      await caught(h.business.account.createUser("other", weakSecret)),
      await caught(h.business.account.patchUser("secret-check", { password: weakSecret })),
      await caught(h.client({ apiKey: "NOT_A_KEY_abcdefghijklmnop" }).account.listUsers()),
      await caught(
        h
          .client({ account: { kind: "business", loginId: BUSINESS.loginId, password: "Nope-1234" } })
          .account.listUsers(),
      ),
      await caught(h.business.account.getSelf()),
    ];
    const secrets = [
      GOOD_PASSWORD,
      "Wrong-Secret-Pw-77",
      weakSecret,
      API_KEY,
      "NOT_A_KEY_abcdefghijklmnop",
      BUSINESS.password,
      "Nope-1234",
    ];
    const state = JSON.stringify(h.emulator.state());
    for (const error of errors) {
      for (const text of [error.message, String(error), JSON.stringify(error), error.stack ?? ""]) {
        for (const secret of secrets) expect(text).not.toContain(secret);
        expect(text).not.toMatch(/token=/);
      }
    }
    for (const secret of secrets) expect(state).not.toContain(secret);
  });
});
