import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditEvents } from "@/lib/db/schema/audit";
import { rateLimits } from "@/lib/db/schema/rate-limits";
import { staffUsers } from "@/lib/db/schema/staff";
import { ManualClock, MINUTE, SECOND } from "@/lib/security/clock";
import { createTestDatabase, type TestDatabase } from "../../support/test-db";
import { addStaff } from "./fixtures";

// Counts every password verification and remembers which hash it used, to prove unknown usernames take the same
// path (a real argon2 verification against the dummy hash).
const verified = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/auth/passwords", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/passwords")>();
  return {
    ...real,
    verifyPassword: async (hash: string, password: string) => {
      verified.push(hash);
      return real.verifyPassword(hash, password);
    },
  };
});

const { attemptStaffSignIn } = await import("@/lib/auth/sign-in");
const { dummyPasswordHash } = await import("@/lib/auth/passwords");

const AUTH_SECRET = "s".repeat(40);
let t: TestDatabase;
let clock: ManualClock;
let alice: Awaited<ReturnType<typeof addStaff>>;
let clientCounter = 0;
let client: string;

const signIn = (username: string, password: string, clientKey = client) =>
  attemptStaffSignIn({ db: t.db, clock, authSecret: AUTH_SECRET }, { username, password, clientKey });

/** The limiters count in wall-clock time (rate-limiter-flexible reads Date); the account rows use the Clock. */
function advance(ms: number) {
  clock.advance(ms);
  vi.setSystemTime(clock.now());
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.destroy();
});
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  clock = new ManualClock("2026-03-01T09:00:00Z");
  vi.setSystemTime(clock.now());
  await t.db.delete(rateLimits);
  await t.db.delete(auditEvents);
  await t.db.delete(staffUsers);
  alice = await addStaff(t.db, clock, "alice", "support");
  client = `client-${++clientCounter}`;
  verified.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("staff sign-in", () => {
  it("accepts the right password, case-insensitively by username, and records the sign-in", async () => {
    const outcome = await signIn("ALICE", alice.password);
    expect(outcome).toEqual({
      ok: true,
      staff: { id: alice.id, username: "alice", displayName: "alice name", role: "support" },
    });
    const [row] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, alice.id));
    expect(row!.lastSignInAt).toEqual(clock.now());
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "staff.sign_in"));
    expect(events.map((e) => e.actor)).toEqual([`staff:${alice.id}`]);
  });

  it("gives a wrong password, an unknown username and a disabled account the same answer", async () => {
    expect(await signIn("alice", "wrong-password")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn("nobody", "wrong-password")).toEqual({ ok: false, reason: "invalid" });
    await t.db.update(staffUsers).set({ disabled: true }).where(eq(staffUsers.id, alice.id));
    expect(await signIn("alice", alice.password)).toEqual({ ok: false, reason: "invalid" });
  });

  it("verifies unknown usernames against the dummy argon2 hash, once, like a known one", async () => {
    await signIn("nobody", "some-password");
    await signIn("alice", "some-password");
    expect(verified).toHaveLength(2);
    expect(verified[0]).toBe(await dummyPasswordHash());
    expect(verified[0]).toMatch(/^\$argon2id\$/);
    const [row] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, alice.id));
    expect(verified[1]).toBe(row!.passwordHash);
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("locks a username after 5 failures in 15 minutes, known or unknown alike, and releases it after the block", async () => {
    for (const username of ["alice", "nobody"]) {
      for (let i = 0; i < 5; i++) {
        expect(await signIn(username, "wrong-password", `${client}-${i}`)).toEqual({
          ok: false,
          reason: "invalid",
        });
      }
      // Locked now, even with the right password and from another client.
      expect(await signIn(username, alice.password, `${client}-x`)).toEqual({ ok: false, reason: "locked" });
    }
    const [row] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, alice.id));
    expect(row!.failedSignIns).toBe(5);
    expect(row!.lockedUntil).toEqual(new Date(clock.now().getTime() + 15 * MINUTE));

    advance(15 * MINUTE - SECOND);
    expect(await signIn("alice", alice.password, `${client}-y`)).toEqual({ ok: false, reason: "locked" });
    advance(2 * SECOND);
    const released = await signIn("alice", alice.password, `${client}-y`);
    expect(released.ok).toBe(true);
    const [after] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, alice.id));
    expect(after!.failedSignIns).toBe(0);
    expect(after!.lockedUntil).toBeNull();
  });

  it("a lock does not spend argon2 work, so locked known and unknown usernames answer alike", async () => {
    for (let i = 0; i < 5; i++) await signIn("alice", "wrong-password");
    for (let i = 0; i < 5; i++) await signIn("nobody", "wrong-password");
    verified.length = 0;
    expect(await signIn("alice", "x")).toEqual({ ok: false, reason: "locked" });
    expect(await signIn("nobody", "x")).toEqual({ ok: false, reason: "locked" });
    expect(verified).toHaveLength(0);
  });

  it("a success forgets earlier failures of that username", async () => {
    for (let i = 0; i < 4; i++) await signIn("alice", "wrong-password");
    expect((await signIn("alice", alice.password)).ok).toBe(true);
    for (let i = 0; i < 4; i++) await signIn("alice", "wrong-password");
    expect((await signIn("alice", alice.password)).ok).toBe(true);
  });

  it("locks a client after 20 attempts across usernames", async () => {
    for (let i = 0; i < 20; i++) {
      expect(await signIn(`user${i}`, "wrong-password")).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn("alice", alice.password)).toEqual({ ok: false, reason: "locked" });
    expect((await signIn("alice", alice.password, `${client}-elsewhere`)).ok).toBe(true);
  });

  it("audits failures and lockouts as anonymous, one lockout event per window, and never the password", async () => {
    const password = "Sup3r-Secret-Typed-Password";
    for (let i = 0; i < 8; i++) await signIn("alice", password);
    await signIn("alice", alice.password);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} like 'staff.sign_in%'`);
    const byAction = (action: string) => events.filter((e) => e.action === action);
    expect(byAction("staff.sign_in_failed")).toHaveLength(5);
    expect(byAction("staff.sign_in_locked")).toHaveLength(1);
    expect(byAction("staff.sign_in")).toHaveLength(0);
    for (const event of events) {
      expect(event.actor).toBe("anonymous");
      expect(event.details).toMatchObject({ staffId: alice.id });
    }
    const everything = JSON.stringify(await t.db.select().from(auditEvents));
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(alice.password);
    expect(everything).not.toContain("$argon2");
  });

  it("does not record a typed unknown username anywhere (it may be a password)", async () => {
    await signIn("Maybe-My-Password-1", "x");
    const events = JSON.stringify(await t.db.select().from(auditEvents));
    const limits = JSON.stringify(await t.db.select().from(rateLimits));
    expect(events.toLowerCase()).not.toContain("maybe-my-password-1");
    expect(limits.toLowerCase()).not.toContain("maybe-my-password-1");
  });
});
