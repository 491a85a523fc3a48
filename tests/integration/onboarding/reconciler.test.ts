import { and, eq, like } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditEvents, claims, pairingSessions, usernameReservations } from "@/lib/db/schema";
import { claimDevice } from "@/lib/onboarding/claim";
import { MediumOneBusy } from "@/lib/onboarding/errors";
import { reconcileOnce, RECONCILER_TIMING, type ReconcilerDeps } from "@/lib/onboarding/reconciler";
import { findAttemptBySupportCode, listAlerts } from "@/lib/onboarding/support-queries";
import { startReconcilerSchedule } from "@/lib/onboarding/reconciler-schedule";
import { renewPairing } from "@/lib/onboarding/renew";
import { startSetup } from "@/lib/onboarding/start-setup";
import { base64urlDecode, base64urlEncode, deriveSessionSecrets } from "@/lib/pairing/crypto";
import { hello, redeem } from "@/lib/pairing/device-api";
import { TIMING } from "@/lib/pairing/protocol";
import { HOUR, MINUTE } from "@/lib/security/clock";
import { deviceSide } from "../../support/pairing-fixtures";
import {
  claimInput,
  startWorld,
  STRONG_PASSWORD,
  type AccountKind,
  type TestDeviceWithCode,
  type World,
} from "../../support/onboarding-fixtures";
import { API_KEY } from "../medium-one/harness";

let world: World;
afterEach(async () => world?.close());

const LIFETIME = 24 * HOUR;

function reconcilerDeps(w: World, log: string[] = []): ReconcilerDeps {
  const { db, clock, mediumOne, config } = w.deps();
  return { db, clock, mediumOne, config, log: (line) => log.push(line) };
}

async function claimed(
  w: World,
  loginId: string,
  options: { device?: TestDeviceWithCode; client?: string } = {},
) {
  const device = options.device ?? (await w.device());
  const deps = w.deps(options.client);
  const check = await startSetup(deps, { code: device.code });
  const ticket = await claimDevice(deps, claimInput(check.attemptId, device.code, loginId));
  return { device, ticket };
}

/** The device scans the ticket's QR and redeems it: its claim becomes the owner, the device's others end. */
async function redeemTicket(w: World, device: TestDeviceWithCode, qrSecret: string) {
  const token = base64urlEncode(deriveSessionSecrets(base64urlDecode(qrSecret)).sessionToken);
  const side = deviceSide(device.keys, token);
  const deps = { db: w.db, clock: w.clock, clientKey: "device-net" };
  const { nonce } = await hello(deps, side.hello());
  await redeem(deps, side.redeem(nonce));
}

async function claimRow(w: World, id: string) {
  const [row] = await w.db.select().from(claims).where(eq(claims.id, id));
  return row!;
}

async function reservationStates(w: World, claimId: string) {
  const rows = await w.db
    .select()
    .from(usernameReservations)
    .where(eq(usernameReservations.claimId, claimId));
  return rows.map((r) => r.state);
}

async function reconcilerEvents(w: World) {
  return w.db.select().from(auditEvents).where(eq(auditEvents.actor, "reconciler"));
}

async function isDisabled(w: World, loginId: string): Promise<boolean> {
  return (await w.h.business.account.getUser(loginId)).disabled === true;
}

describe.each<AccountKind>(["business", "registration"])("the reconciler, %s account", (kind) => {
  const endedUser = kind === "business" ? "disabled" : "listed_for_portal";

  it("leaves a fresh pending claim alone", async () => {
    world = await startWorld({ kind });
    const { ticket } = await claimed(world, "fresh");
    world.clock.advance(LIFETIME - MINUTE);
    const summary = await reconcileOnce(reconcilerDeps(world));
    expect(summary.examined).toBe(0);
    expect(await claimRow(world, ticket.claimId)).toMatchObject({ state: "pending", userDisposition: null });
    expect(await reservationStates(world, ticket.claimId)).toEqual(["held"]);
    expect(await isDisabled(world, "fresh")).toBe(false);
    expect(await reconcilerEvents(world)).toEqual([]);
  });

  it("expires a pending claim past its lifetime: sessions cancelled, username released, user handled", async () => {
    world = await startWorld({ kind });
    const { ticket } = await claimed(world, "lapsed");
    world.clock.advance(LIFETIME + MINUTE);
    const summary = await reconcileOnce(reconcilerDeps(world));
    expect(summary).toMatchObject({ examined: 1, expired: 1, failed: 0, busy: 0 });
    expect(summary.claims[0]).toMatchObject({
      claimId: ticket.claimId,
      result: "done",
      actions: ["expire", kind === "business" ? "disable_user" : "list_for_portal"],
      disposition: endedUser,
    });
    expect(await claimRow(world, ticket.claimId)).toMatchObject({
      state: "expired",
      endReason: "lifetime_over",
      userDisposition: endedUser,
      leaseUntil: null,
    });
    const [session] = await world.db
      .select()
      .from(pairingSessions)
      .where(eq(pairingSessions.id, ticket.sessionId));
    expect(session).toMatchObject({ stage: "cancelled", cancelReason: "claim_expired" });
    expect(await reservationStates(world, ticket.claimId)).toEqual(["released"]);
    expect(await isDisabled(world, "lapsed")).toBe(kind === "business");
    const actions = (await reconcilerEvents(world)).map((e) => e.action).sort();
    expect(actions).toEqual([
      "reconciler.claim_expired",
      kind === "business" ? "reconciler.user_disabled" : "reconciler.user_needs_portal_cleanup",
    ]);
  });

  it("a losing claim's user is handled exactly once; the owner's claim and user are untouched", async () => {
    world = await startWorld({ kind });
    const winner = await claimed(world, "winner", { client: "net-1" });
    const loser = await claimed(world, "loser", { device: winner.device, client: "net-2" });
    await redeemTicket(world, winner.device, winner.ticket.qrSecret);
    expect(await claimRow(world, loser.ticket.claimId)).toMatchObject({ state: "cancelled" });

    const first = await reconcileOnce(reconcilerDeps(world));
    expect(first.claims.map((c) => c.claimId)).toEqual([loser.ticket.claimId]);
    expect(first.claims[0]).toMatchObject({ result: "done", disposition: endedUser });
    expect(await reservationStates(world, loser.ticket.claimId)).toEqual(["released"]);
    expect(await isDisabled(world, "loser")).toBe(kind === "business");

    world.clock.advance(LIFETIME * 3);
    const second = await reconcileOnce(reconcilerDeps(world));
    expect(second.examined).toBe(0);
    const events = await reconcilerEvents(world);
    expect(events.map((e) => e.action).sort()).toEqual([
      "reconciler.claim_closed",
      kind === "business" ? "reconciler.user_disabled" : "reconciler.user_needs_portal_cleanup",
    ]);
    expect(events.every((e) => e.details.claimId === loser.ticket.claimId)).toBe(true);
    expect(await claimRow(world, winner.ticket.claimId)).toMatchObject({
      state: "owner",
      userDisposition: null,
    });
    expect(await reservationStates(world, winner.ticket.claimId)).toEqual(["held"]);
    expect(await isDisabled(world, "winner")).toBe(false);

    // Support sees it: the attempt's timeline names the redemption that cancelled it and the user's fate.
    const attempt = await findAttemptBySupportCode(world.db, loser.ticket.supportCode);
    expect(attempt?.claims).toEqual([
      expect.objectContaining({ id: loser.ticket.claimId, state: "cancelled", userDisposition: endedUser }),
    ]);
    expect(attempt?.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["claim.created", "device.owner_settled", "reconciler.claim_closed"]),
    );
    const alerts = await listAlerts(world.db, { now: world.clock.now() });
    expect(alerts.portalCleanup.map((u) => u.loginId)).toEqual(kind === "business" ? [] : ["loser"]);
  });

  it("never touches Medium One for a claim whose create outcome stayed unknown", async () => {
    world = await startWorld({ kind });
    const device = await world.device();
    const check = await startSetup(world.deps(), { code: device.code });
    // Every create is made but its answer lost: the user exists, yet nothing proves this claim made it.
    world.h.emulator.injectFault({ method: "POST", path: "/users", kind: "lose-response" });
    await expect(
      claimDevice(world.deps(), claimInput(check.attemptId, device.code, "limbo")),
    ).rejects.toBeInstanceOf(MediumOneBusy);
    world.h.emulator.clearFaults();
    const [claim] = await world.db.select().from(claims).where(eq(claims.loginId, "limbo"));
    expect(claim).toMatchObject({ createOutcome: "unknown", userCreated: false });

    world.clock.advance(LIFETIME + MINUTE);
    const summary = await reconcileOnce(reconcilerDeps(world));
    expect(summary.claims).toEqual([
      expect.objectContaining({ claimId: claim!.id, actions: ["expire"], result: "done" }),
    ]);
    expect(await claimRow(world, claim!.id)).toMatchObject({ state: "expired", userDisposition: null });
    expect(await isDisabled(world, "limbo")).toBe(false);
    expect((await reconcileOnce(reconcilerDeps(world))).examined).toBe(0);
  });

  it("a run between a QR's expiry and its renewal changes nothing, and the renewal still works", async () => {
    world = await startWorld({ kind });
    const { ticket } = await claimed(world, "renewer");
    world.clock.advance(TIMING.sessionLifetimeMs + MINUTE);
    const summary = await reconcileOnce(reconcilerDeps(world));
    expect(summary.examined).toBe(0);
    expect(await claimRow(world, ticket.claimId)).toMatchObject({ state: "pending", leaseUntil: null });
    expect(await reservationStates(world, ticket.claimId)).toEqual(["held"]);
    expect(await isDisabled(world, "renewer")).toBe(false);
    const renewed = await renewPairing(world.deps(), { claimId: ticket.claimId, password: STRONG_PASSWORD });
    expect(renewed.claimId).toBe(ticket.claimId);
    expect(renewed.sessionId).not.toBe(ticket.sessionId);
  });

  it("a dry run reports what it would do and changes nothing", async () => {
    world = await startWorld({ kind });
    const { ticket } = await claimed(world, "dryrun");
    world.clock.advance(LIFETIME + MINUTE);
    const summary = await reconcileOnce(reconcilerDeps(world), { dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, examined: 1, expired: 0 });
    expect(summary.claims[0]).toMatchObject({
      result: "planned",
      actions: ["expire", kind === "business" ? "disable_user" : "list_for_portal"],
    });
    expect(await claimRow(world, ticket.claimId)).toMatchObject({ state: "pending", leaseUntil: null });
    expect(await isDisabled(world, "dryrun")).toBe(false);
    expect(await reconcilerEvents(world)).toEqual([]);
  });
});

describe("the reconciler and leases", () => {
  it("skips a claim a request holds, and one whose create was sent within the grace period", async () => {
    world = await startWorld();
    const held = await claimed(world, "held");
    const recent = await claimed(world, "recent");
    world.clock.advance(LIFETIME + MINUTE);
    const now = world.clock.now();
    await world.db
      .update(claims)
      .set({ leaseUntil: new Date(now.getTime() + MINUTE) })
      .where(eq(claims.id, held.ticket.claimId));
    await world.db
      .update(claims)
      .set({ createSentAt: new Date(now.getTime() - MINUTE) })
      .where(eq(claims.id, recent.ticket.claimId));
    expect((await reconcileOnce(reconcilerDeps(world))).examined).toBe(0);
    expect(await claimRow(world, held.ticket.claimId)).toMatchObject({ state: "pending" });
    expect(await claimRow(world, recent.ticket.claimId)).toMatchObject({ state: "pending" });

    world.clock.advance(RECONCILER_TIMING.graceMs);
    const later = await reconcileOnce(reconcilerDeps(world));
    expect(later).toMatchObject({ examined: 2, expired: 2 });
  });

  it("a Medium One fault during a disable leaves the claim for a later run, and the others go on", async () => {
    world = await startWorld({ kind: "business" });
    const first = await claimed(world, "faulty");
    const second = await claimed(world, "steady");
    world.clock.advance(LIFETIME + MINUTE);
    world.h.emulator.injectFault({ method: "PATCH", path: "/users/faulty", kind: "status", status: 503 });
    const log: string[] = [];
    const run = await reconcileOnce(reconcilerDeps(world, log));
    expect(run).toMatchObject({ examined: 2, expired: 2, usersDisabled: 1, failed: 1 });
    expect(run.claims.find((c) => c.claimId === first.ticket.claimId)).toMatchObject({
      result: "failed",
      error: "Unavailable",
    });
    expect(log).toEqual([`reconciler: claim ${first.ticket.claimId} left for a later run (Unavailable)`]);
    expect(await claimRow(world, first.ticket.claimId)).toMatchObject({
      state: "expired",
      userDisposition: null,
    });
    expect(await isDisabled(world, "faulty")).toBe(false);
    expect(await isDisabled(world, "steady")).toBe(true);
    expect(await claimRow(world, second.ticket.claimId)).toMatchObject({ userDisposition: "disabled" });

    // Until its lease runs out, the claim is not retried; then it is, once Medium One answers.
    expect((await reconcileOnce(reconcilerDeps(world))).examined).toBe(0);
    world.h.emulator.clearFaults();
    world.clock.advance(RECONCILER_TIMING.leaseMs + 1);
    const retry = await reconcileOnce(reconcilerDeps(world));
    expect(retry.claims).toEqual([
      expect.objectContaining({ claimId: first.ticket.claimId, actions: ["disable_user"], result: "done" }),
    ]);
    expect(await isDisabled(world, "faulty")).toBe(true);
    expect(await claimRow(world, first.ticket.claimId)).toMatchObject({ userDisposition: "disabled" });
    const expiredEvents = await world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actor, "reconciler"), like(auditEvents.action, "reconciler.claim_%")));
    expect(expiredEvents).toHaveLength(2);
  });

  it("a refusal that will not change lists the user for the portal instead of retrying forever", async () => {
    world = await startWorld({ kind: "business" });
    const { ticket } = await claimed(world, "refused");
    world.clock.advance(LIFETIME + MINUTE);
    world.h.emulator.setApiKeyEnabled(API_KEY, false);
    const run = await reconcileOnce(reconcilerDeps(world));
    world.h.emulator.setApiKeyEnabled(API_KEY, true);
    expect(run.claims[0]).toMatchObject({ claimId: ticket.claimId, result: "done" });
    expect(await claimRow(world, ticket.claimId)).toMatchObject({ userDisposition: "listed_for_portal" });
    const [listed] = await world.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "reconciler.user_needs_portal_cleanup"));
    expect(listed!.details).toMatchObject({ claimId: ticket.claimId, because: "Unauthorized" });
    world.clock.advance(RECONCILER_TIMING.intervalMs);
    expect((await reconcileOnce(reconcilerDeps(world))).examined).toBe(0);
  });

  it("a user Medium One no longer has is recorded as not found", async () => {
    world = await startWorld({ kind: "business" });
    const { ticket } = await claimed(world, "vanished");
    await world.h.business.account.deleteUser("vanished");
    world.clock.advance(LIFETIME + MINUTE);
    const run = await reconcileOnce(reconcilerDeps(world));
    expect(run.claims[0]).toMatchObject({ result: "done", disposition: "not_found" });
    expect(await claimRow(world, ticket.claimId)).toMatchObject({ userDisposition: "not_found" });
  });

  it("two reconcilers at once handle each claim once", async () => {
    world = await startWorld({ kind: "business" });
    const names = ["two-a", "two-b", "two-c", "two-d", "two-e"];
    for (const name of names) await claimed(world, name);
    world.clock.advance(LIFETIME + MINUTE);
    const [a, b] = await Promise.all([
      reconcileOnce(reconcilerDeps(world)),
      reconcileOnce(reconcilerDeps(world)),
    ]);
    const done = [...a.claims, ...b.claims].filter((c) => c.result === "done");
    expect(done).toHaveLength(names.length);
    expect(new Set(done.map((c) => c.claimId)).size).toBe(names.length);
    expect(a.failed + b.failed).toBe(0);
    const events = await reconcilerEvents(world);
    expect(events.filter((e) => e.action === "reconciler.claim_expired")).toHaveLength(names.length);
    expect(events.filter((e) => e.action === "reconciler.user_disabled")).toHaveLength(names.length);
    for (const name of names) expect(await isDisabled(world, name)).toBe(true);
  });
});

describe("the reconciler's schedule", () => {
  it("runs a pass at start, never two at once, and logs a failed pass by its class only", async () => {
    world = await startWorld();
    await claimed(world, "scheduled");
    world.clock.advance(LIFETIME + MINUTE);
    const log: string[] = [];
    const schedule = startReconcilerSchedule(reconcilerDeps(world, log), HOUR);
    await schedule.runNow(); // the first pass is still running: this one is skipped
    await schedule.firstPass;
    schedule.stop();
    expect(log).toEqual([
      "reconciler: 1 claim(s) examined, 1 expired, 1 user(s) disabled, 0 listed for the Medium One portal, 0 busy, 0 failed",
    ]);

    const broken: string[] = [];
    const failing = startReconcilerSchedule({ ...reconcilerDeps(world, broken), db: {} as never }, HOUR);
    await failing.firstPass;
    failing.stop();
    expect(broken).toEqual(["reconciler: pass failed (TypeError)"]);
  });
});
