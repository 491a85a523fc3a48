import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { auditEvents } from "@/lib/db/schema/audit";
import { staffUsers } from "@/lib/db/schema/staff";
import { ManualClock, MINUTE } from "@/lib/security/clock";
import { createTestDatabase, type TestDatabase } from "../../support/test-db";
import { addStaff } from "./fixtures";

/**
 * The access layer as the app runs it: the session cookie is replaced by `session` (what next-auth's
 * getServerSession returns), the database and clock by a test database and a ManualClock; everything else —
 * verifyStaff, requireStaffPermission, staffAction, withStaff, the staff page's actions — is the real code.
 */
const state = vi.hoisted(() => {
  // Generated embedded secrets go to a temporary directory, not the repository's data/.
  process.env.ONBOARD_DATA_DIR = `${process.env.TMPDIR ?? "/tmp"}/onboard-access-${process.pid}`;
  process.env.PUBLIC_BASE_URL = "http://localhost:3000";
  return {
    session: null as null | { expires: string; staffId: string; authAt: number },
    runtime: null as null | { db: unknown; clock: unknown },
    path: "/support/staff",
  };
});
vi.mock("next-auth/next", () => ({ getServerSession: async () => state.session }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-onboard-path": state.path }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/runtime", () => ({ authRuntime: async () => state.runtime }));

const { verifyStaff } = await import("@/lib/auth/dal");
const { FORBIDDEN_MESSAGE, SIGNED_OUT_MESSAGE } = await import("@/lib/auth/staff-action");
const { withStaff } = await import("@/lib/auth/route-guard");
const { createStaffMember } = await import("@/app/(staff)/support/staff/actions/create-staff-member");
const { setStaffMemberDisabled } = await import("@/app/(staff)/support/staff/actions/set-staff-disabled");
const { setStaffMemberRole } = await import("@/app/(staff)/support/staff/actions/set-staff-role");
const { resetStaffMemberPassword } = await import("@/app/(staff)/support/staff/actions/reset-staff-password");
const { default: StaffPage } = await import("@/app/(staff)/support/staff/page");
const { default: SignInPage } = await import("@/app/(staff)/support/sign-in/page");
const { getAuthOptions, parseSessionClaims } = await import("@/lib/auth/options");
const { SIGN_IN_LOCKED } = await import("@/lib/auth/sign-in-codes");

type Who = "signed-out" | "support" | "admin";
let t: TestDatabase;
let clock: ManualClock;
let admin: Awaited<ReturnType<typeof addStaff>>;
let support: Awaited<ReturnType<typeof addStaff>>;
let targetCount = 0;

function signInAs(who: Who | { id: string }, authAt = clock.now().getTime()) {
  const staffId =
    who === "signed-out" ? null : typeof who === "object" ? who.id : who === "admin" ? admin.id : support.id;
  state.session = staffId ? { expires: "2099-01-01T00:00:00Z", staffId, authAt } : null;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** What Next's redirect() and notFound() throw, reduced to something to compare. */
async function outcomeOf(render: () => Promise<unknown>): Promise<string> {
  try {
    await render();
    return "rendered";
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? error);
    if (digest.startsWith("NEXT_REDIRECT")) return `redirect ${digest.split(";")[2]}`;
    if (digest.includes("404")) return "not found";
    throw error;
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  clock = new ManualClock("2026-03-01T09:00:00Z");
  state.runtime = { db: t.db, clock };
  admin = await addStaff(t.db, clock, "ada", "admin");
  support = await addStaff(t.db, clock, "sam", "support");
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(process.env.ONBOARD_DATA_DIR!, { recursive: true, force: true });
});
beforeEach(() => {
  clock.advance(MINUTE);
  state.path = "/support/staff";
});

/** Every staff action on the staff page, each with valid input against a fresh target account. */
const ACTIONS = {
  "create staff": async () =>
    createStaffMember(
      form({
        username: `new${++targetCount}`,
        displayName: "New",
        role: "support",
        password: "",
        reason: "hire",
      }),
    ),
  "disable staff": async (targetId: string) =>
    setStaffMemberDisabled(form({ staffId: targetId, disabled: "true", reason: "left the team" })),
  "set role": async (targetId: string) =>
    setStaffMemberRole(form({ staffId: targetId, role: "admin", reason: "team lead" })),
  "reset password": async (targetId: string) =>
    resetStaffMemberPassword(form({ staffId: targetId, password: "", reason: "forgot it" })),
} as const;

const EXPECTED: Record<Who, "allowed" | typeof FORBIDDEN_MESSAGE | typeof SIGNED_OUT_MESSAGE> = {
  "signed-out": SIGNED_OUT_MESSAGE,
  support: FORBIDDEN_MESSAGE,
  admin: "allowed",
};

describe("role matrix: staff actions, checked on the server", () => {
  for (const who of ["signed-out", "support", "admin"] as const) {
    for (const [name, run] of Object.entries(ACTIONS)) {
      it(`${who} × ${name} → ${EXPECTED[who] === "allowed" ? "allowed" : "refused"}`, async () => {
        const target = await addStaff(t.db, clock, `target${++targetCount}`, "support");
        const before = (await t.db.select().from(auditEvents)).length;
        signInAs(who);
        const result = await run(target.id);
        const written = (await t.db.select().from(auditEvents)).length - before;
        if (EXPECTED[who] === "allowed") {
          expect(result.ok).toBe(true);
          expect(written).toBe(1);
        } else {
          expect(result).toEqual({ ok: false, fieldErrors: {}, formError: EXPECTED[who] });
          expect(written).toBe(0);
          const [row] = await t.db.select().from(staffUsers).where(eq(staffUsers.id, target.id));
          expect(row).toMatchObject({ disabled: false, role: "support", sessionsValidAfter: null });
        }
      });
    }
  }
});

describe("role matrix: pages", () => {
  it.each([
    ["signed-out", "redirect /support/sign-in?callbackUrl=%2Fsupport%2Fstaff"],
    ["support", "not found"],
    ["admin", "rendered"],
  ] as const)("staff page, %s → %s", async (who, expected) => {
    signInAs(who);
    expect(await outcomeOf(() => StaffPage())).toBe(expected);
  });

  it.each([
    ["signed-out", undefined, "rendered"],
    ["support", undefined, "redirect /support"],
    ["admin", undefined, "redirect /support/staff"],
    ["support", "/support/alerts", "redirect /support/alerts"],
    ["admin", "https://evil.example/", "redirect /support/staff"],
  ] as const)("sign-in page, %s with callback %s → %s", async (who, callbackUrl, expected) => {
    signInAs(who);
    expect(await outcomeOf(() => SignInPage({ searchParams: Promise.resolve({ callbackUrl }) }))).toBe(
      expected,
    );
  });
});

describe("role matrix: route handlers behind withStaff", () => {
  const read = withStaff("device.read", async (_req, staff) => Response.json({ who: staff.username }));
  const release = withStaff("device.release", async () => Response.json({ released: true }));
  const request = (method = "POST", origin: string | null = "http://localhost:3000") =>
    new Request("http://localhost:3000/api/support/x", { method, headers: origin ? { origin } : {} });

  it.each([
    ["signed-out", 401, 401],
    ["support", 200, 403],
    ["admin", 200, 200],
  ] as const)("%s → read %i, release %i", async (who, readStatus, releaseStatus) => {
    signInAs(who);
    expect((await read(request(), undefined)).status).toBe(readStatus);
    expect((await release(request(), undefined)).status).toBe(releaseStatus);
  });

  it("refuses a cross-site or origin-less POST before looking at the session", async () => {
    signInAs("admin");
    expect((await release(request("POST", "https://evil.example"), undefined)).status).toBe(403);
    expect((await release(request("POST", null), undefined)).status).toBe(403);
    expect((await read(request("GET", null), undefined)).status).toBe(200);
  });
});

describe("the staff row is re-read on every request", () => {
  it("a disabled staff member is refused on the next request, and stays out after re-enabling", async () => {
    const bob = await addStaff(t.db, clock, "bob-disabled", "admin");
    signInAs(bob);
    const bobSession = state.session;
    expect(await verifyStaff()).toMatchObject({ id: bob.id, role: "admin" });

    signInAs("admin");
    expect(
      (await setStaffMemberDisabled(form({ staffId: bob.id, disabled: "true", reason: "left" }))).ok,
    ).toBe(true);
    state.session = bobSession;
    expect(await verifyStaff()).toBeNull();
    expect(await ACTIONS["create staff"]()).toEqual({
      ok: false,
      fieldErrors: {},
      formError: SIGNED_OUT_MESSAGE,
    });

    signInAs("admin");
    expect(
      (await setStaffMemberDisabled(form({ staffId: bob.id, disabled: "false", reason: "back" }))).ok,
    ).toBe(true);
    state.session = bobSession;
    expect(await verifyStaff()).toBeNull();
    clock.advance(MINUTE);
    signInAs(bob);
    expect(await verifyStaff()).toMatchObject({ id: bob.id });
  });

  it("a changed role takes effect at once", async () => {
    const carol = await addStaff(t.db, clock, "carol-role", "admin");
    signInAs(carol);
    const carolSession = state.session;
    expect((await ACTIONS["create staff"]()).ok).toBe(true);

    signInAs("admin");
    expect(
      (await setStaffMemberRole(form({ staffId: carol.id, role: "support", reason: "moved team" }))).ok,
    ).toBe(true);
    state.session = carolSession;
    expect(await verifyStaff()).toMatchObject({ id: carol.id, role: "support" });
    expect(await ACTIONS["create staff"]()).toEqual({
      ok: false,
      fieldErrors: {},
      formError: FORBIDDEN_MESSAGE,
    });
    expect(await outcomeOf(() => StaffPage())).toBe("not found");
  });

  it("a password reset ends sessions signed in before it", async () => {
    const dave = await addStaff(t.db, clock, "dave-reset", "support");
    signInAs(dave);
    const old = state.session;
    clock.advance(MINUTE);
    signInAs("admin");
    const reset = await resetStaffMemberPassword(
      form({ staffId: dave.id, password: "", reason: "phone stolen" }),
    );
    expect(reset.ok && reset.data.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    state.session = old;
    expect(await verifyStaff()).toBeNull();
    clock.advance(MINUTE);
    signInAs(dave);
    expect(await verifyStaff()).toMatchObject({ id: dave.id });
  });

  it("a malformed or unknown session is signed out", async () => {
    state.session = { expires: "x", staffId: "not-a-uuid", authAt: 1 };
    expect(await verifyStaff()).toBeNull();
    state.session = { expires: "x", staffId: "00000000-0000-4000-8000-000000000000", authAt: 1 };
    expect(await verifyStaff()).toBeNull();
  });
});

describe("staff actions: input, safety rules and audit", () => {
  it("returns field errors keyed by input name, and changes nothing", async () => {
    signInAs("admin");
    const before = (await t.db.select().from(auditEvents)).length;
    const result = await createStaffMember(
      form({ username: "x", displayName: "", role: "root", reason: "" }),
    );
    expect(result.ok).toBe(false);
    expect(Object.keys(!result.ok ? result.fieldErrors : {}).sort()).toEqual([
      "displayName",
      "reason",
      "role",
      "username",
    ]);
    expect((await t.db.select().from(auditEvents)).length).toBe(before);
  });

  it("refuses a taken username on the username field, and an unknown staff id", async () => {
    signInAs("admin");
    const taken = await createStaffMember(
      form({ username: "SAM", displayName: "Sam again", role: "support", reason: "duplicate" }),
    );
    expect(taken).toEqual({ ok: false, fieldErrors: { username: ["That username is already taken."] } });
    const unknown = await setStaffMemberRole(
      form({ staffId: "00000000-0000-4000-8000-000000000000", role: "admin", reason: "nobody" }),
    );
    expect(unknown).toEqual({ ok: false, fieldErrors: {}, formError: "That staff member no longer exists." });
  });

  it("an admin cannot disable or demote themselves", async () => {
    signInAs("admin");
    expect(
      await setStaffMemberDisabled(form({ staffId: admin.id, disabled: "true", reason: "oops" })),
    ).toMatchObject({
      ok: false,
      formError: "You cannot disable your own account.",
    });
    expect(
      await setStaffMemberRole(form({ staffId: admin.id, role: "support", reason: "oops" })),
    ).toMatchObject({
      ok: false,
    });
  });

  it("records who, what, why and old → new, in the audit log, without any password", async () => {
    signInAs("admin");
    const password = "Chosen-Password-123";
    const created = await createStaffMember(
      form({ username: "erin", displayName: "Erin", role: "support", password, reason: "new hire" }),
    );
    expect(created).toEqual({ ok: true, data: { username: "erin", generatedPassword: null } });
    const [erin] = await t.db.select().from(staffUsers).where(eq(staffUsers.username, "erin"));
    await setStaffMemberRole(form({ staffId: erin!.id, role: "admin", reason: "promoted" }));
    const reset = await resetStaffMemberPassword(form({ staffId: erin!.id, password: "", reason: "forgot" }));
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actor, `staff:${admin.id}`));
    const roleEvent = events.find((e) => e.action === "staff.role_changed" && e.reason === "promoted");
    expect(roleEvent?.details).toMatchObject({ old: { role: "support" }, new: { role: "admin" } });
    expect(events.some((e) => e.action === "staff.created" && e.reason === "new hire")).toBe(true);
    expect(events.some((e) => e.action === "staff.password_reset" && e.reason === "forgot")).toBe(true);
    const everything = JSON.stringify(await t.db.select().from(auditEvents));
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(reset.ok ? reset.data.generatedPassword : "unreachable");
    expect(everything).not.toContain("$argon2");
  });

  it("an unexpected failure reaches the browser only as a generic message with a reference", async () => {
    signInAs("admin");
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = state.runtime;
    const failing = async () => Promise.reject(new Error("connection reset by driver XYZ"));
    state.runtime = {
      db: new Proxy(t.db, { get: (db, name) => (name === "transaction" ? failing : Reflect.get(db, name)) }),
      clock,
    };
    try {
      const result = await setStaffMemberRole(form({ staffId: support.id, role: "admin", reason: "try it" }));
      expect(result.ok).toBe(false);
      const message = !result.ok ? result.formError : "";
      expect(message).toMatch(/^Something went wrong and nothing was changed\. Reference: [0-9A-F]{8}\.$/);
      expect(message).not.toContain("XYZ");
    } finally {
      state.runtime = broken;
      quiet.mockRestore();
    }
  });
});

describe("next-auth options (the glue around the sign-in)", () => {
  type Authorize = (
    credentials: Record<string, string>,
    req: { headers: Record<string, string> },
  ) => Promise<unknown>;

  it("signs in through the credentials provider, locks with a code, and keeps only the claims in the session", async () => {
    const options = getAuthOptions();
    expect(options.session).toMatchObject({ strategy: "jwt", maxAge: 1800, updateAge: 300 });
    expect(options.pages).toEqual({ signIn: "/support/sign-in", error: "/support/sign-in" });
    expect(process.env.NEXTAUTH_URL).toBe("http://localhost:3000");
    const provider = options.providers[0] as unknown as { options: { authorize: Authorize } };
    const authorize = provider.options.authorize;
    const req = { headers: { "x-onboard-peer": "203.0.113.7" } };

    const user = await authorize({ username: "SAM", password: support.password }, req);
    expect(user).toEqual({ id: support.id, name: "sam name" });
    expect(await authorize({ username: "sam", password: "wrong" }, req)).toBeNull();
    expect(await authorize({ username: "", password: "" }, req)).toBeNull();
    for (let i = 0; i < 5; i++) await authorize({ username: "ghost", password: "wrong" }, req);
    await expect(authorize({ username: "ghost", password: "wrong" }, req)).rejects.toThrow(SIGN_IN_LOCKED);

    const token = await options.callbacks!.jwt!({ token: { sub: support.id }, user: user as never } as never);
    expect(parseSessionClaims(token)).toEqual({ staffId: support.id, authAt: clock.now().getTime() });
    const session = await options.callbacks!.session!({
      session: { expires: "2099-01-01T00:00:00Z", user: { name: "sam name" } },
      token,
    } as never);
    expect(session).toEqual({
      expires: "2099-01-01T00:00:00Z",
      staffId: support.id,
      authAt: clock.now().getTime(),
    });
  });
});
