import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditEvents, claims, usernameReservations } from "@/lib/db/schema";
import type { FaultSpec } from "@/lib/medium-one/emulator";
import { AlreadySetUp, MediumOneBusy, PasswordTooWeak, UsernameUnavailable } from "@/lib/onboarding/errors";
import { claimDevice } from "@/lib/onboarding/claim";
import { startSetup } from "@/lib/onboarding/start-setup";
import { base64urlDecode } from "@/lib/pairing/crypto";
import { hello, redeem } from "@/lib/pairing/device-api";
import { deriveSessionSecrets } from "@/lib/pairing/crypto";
import { base64urlEncode } from "@/lib/pairing/crypto";
import { deviceSide, openBundle } from "../../support/pairing-fixtures";
import {
  claimInput,
  startWorld,
  STRONG_PASSWORD,
  type AccountKind,
  type World,
} from "../../support/onboarding-fixtures";

let world: World;
afterEach(async () => world?.close());

async function begin(w: World, loginId: string) {
  const device = await w.device();
  const check = await startSetup(w.deps(), { code: device.code });
  return { device, check, input: claimInput(check.attemptId, device.code, loginId) };
}

async function users(w: World): Promise<string[]> {
  return (await w.h.business.account.listUsers()).map((u) => u.loginId);
}

async function claimRows(w: World, loginId: string) {
  return w.db.select().from(claims).where(eq(claims.loginId, loginId));
}

/** The device scans the ticket's QR and redeems it: the bundle must carry the new user's credentials. */
async function redeemTicket(w: World, device: Awaited<ReturnType<World["device"]>>, qrSecret: string) {
  const token = base64urlEncode(deriveSessionSecrets(base64urlDecode(qrSecret)).sessionToken);
  const side = deviceSide(device.keys, token);
  const deps = { db: w.db, clock: w.clock, clientKey: "device-net" };
  const { nonce } = await hello(deps, side.hello());
  const { bundle } = await redeem(deps, side.redeem(nonce));
  return openBundle(base64urlDecode(qrSecret), device.row.serial, bundle);
}

const createFaults: { name: string; fault: FaultSpec }[] = [
  { name: "a 5xx once", fault: { method: "POST", path: "/users", kind: "status", status: 503, times: 1 } },
  {
    name: "a 429 with Retry-After once",
    fault: { method: "POST", path: "/users", kind: "rate-limit", retryAfterSeconds: 2, times: 1 },
  },
  { name: "a hang once", fault: { method: "POST", path: "/users", kind: "hang", times: 1 } },
  {
    name: "a lost response once",
    fault: { method: "POST", path: "/users", kind: "lose-response", times: 1 },
  },
  {
    name: "a 202 ready at the first poll",
    fault: { method: "POST", path: "/users", kind: "accepted-later", readyAfterPolls: 1, times: 1 },
  },
  {
    name: "a 202 ready after 3 s",
    fault: { method: "POST", path: "/users", kind: "accepted-later", readyAfterMs: 3000, times: 1 },
  },
];

const loginFaults: { name: string; fault: FaultSpec }[] = [
  { name: "a 5xx once", fault: { method: "POST", path: "/login", kind: "status", status: 502, times: 1 } },
  { name: "a 429 once", fault: { method: "POST", path: "/login", kind: "rate-limit", times: 1 } },
  { name: "a hang once", fault: { method: "POST", path: "/login", kind: "hang", times: 1 } },
  {
    name: "a lost response once",
    fault: { method: "POST", path: "/login", kind: "lose-response", times: 1 },
  },
];

describe.each<AccountKind>(["business", "registration"])("the claim saga, %s account", (kind) => {
  it("creates the user, reads its MQTT ID and opens a session the device can redeem", async () => {
    world = await startWorld({ kind });
    const { device, input } = await begin(world, "Alice.Home");
    const ticket = await claimDevice(world.deps(), input);
    expect(ticket.loginId).toBe("Alice.Home");
    expect(Buffer.from(base64urlDecode(ticket.qrSecret))).toHaveLength(32);
    expect(ticket.device.kemAlg).toBe("x25519");
    const bundle = await redeemTicket(world, device, ticket.qrSecret);
    const self = await world.h.business.asUser("Alice.Home", STRONG_PASSWORD).getSelf();
    expect(bundle.login_id).toBe("Alice.Home");
    expect(bundle.mqtt.username).toBe(`projMqtt01/${self.mqttId}`);
    expect(await users(world)).toEqual(["Alice.Home"]);
    const [claim] = await claimRows(world, "Alice.Home");
    expect(claim).toMatchObject({
      state: "owner",
      createOutcome: "created",
      userCreated: true,
      leaseUntil: null,
    });
  });

  it.each(createFaults)("survives $name on the create", async ({ fault }) => {
    world = await startWorld({ kind });
    const { input } = await begin(world, "bob");
    world.h.emulator.injectFault(fault);
    const ticket = await claimDevice(world.deps(), input);
    expect(ticket.loginId).toBe("bob");
    expect(await users(world)).toEqual(["bob"]);
    expect(await claimRows(world, "bob")).toHaveLength(1);
  });

  it.each(loginFaults)("survives $name on the login as the new user", async ({ fault }) => {
    world = await startWorld({ kind });
    const { input } = await begin(world, "carol");
    world.h.emulator.injectFault(fault);
    const ticket = await claimDevice(world.deps(), input);
    expect(ticket.loginId).toBe("carol");
    expect(await users(world)).toEqual(["carol"]);
  });

  it("a 429's Retry-After is waited out", async () => {
    world = await startWorld({ kind });
    const { input } = await begin(world, "dave");
    world.h.emulator.injectFault({
      method: "POST",
      path: "/users",
      kind: "rate-limit",
      retryAfterSeconds: 3,
      times: 1,
    });
    await claimDevice(world.deps(), input);
    expect(world.sleeps[0]).toBe(3000);
  });

  it("Medium One down throughout: retryable, the claim keeps its name; the same input later reuses it", async () => {
    world = await startWorld({ kind });
    const { input } = await begin(world, "erin");
    world.h.emulator.injectFault({ method: "POST", path: "/users", kind: "status", status: 503 });
    const failure = await claimDevice(world.deps(), input).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MediumOneBusy);
    expect((failure as MediumOneBusy).retryable).toBe(true);
    expect((failure as MediumOneBusy).supportCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const [pending] = await claimRows(world, "erin");
    expect(pending).toMatchObject({ state: "pending", createOutcome: "not_created", userCreated: false });
    world.h.emulator.clearFaults();
    const ticket = await claimDevice(world.deps(), input);
    expect(ticket.claimId).toBe(pending!.id);
    expect(await claimRows(world, "erin")).toHaveLength(1);
    expect(await users(world)).toEqual(["erin"]);
  });

  it("outcome unknown, then a retry with the same input proves the earlier create by one login", async () => {
    world = await startWorld({ kind });
    const { input } = await begin(world, "frank");
    world.h.emulator.injectFault({ method: "POST", path: "/users", kind: "lose-response" });
    await expect(claimDevice(world.deps(), input)).rejects.toBeInstanceOf(MediumOneBusy);
    const [unknown] = await claimRows(world, "frank");
    expect(unknown).toMatchObject({ state: "pending", createOutcome: "unknown" });
    expect(world.logins).toEqual([]);
    world.h.emulator.clearFaults();
    const ticket = await claimDevice(world.deps(), input);
    expect(ticket.claimId).toBe(unknown!.id);
    const [proven] = await claimRows(world, "frank");
    expect(proven).toMatchObject({ createOutcome: "created", userCreated: true });
    expect(world.logins).toEqual(["frank"]);
  });

  it("a 202 not ready by the deadline: come back later; the retry finds it ready without a second create", async () => {
    world = await startWorld({ kind });
    const { input } = await begin(world, "gina");
    world.h.emulator.injectFault({
      method: "POST",
      path: "/users",
      kind: "accepted-later",
      readyAfterMs: 3_600_000,
      times: 1,
    });
    await expect(claimDevice(world.deps(), input)).rejects.toBeInstanceOf(MediumOneBusy);
    const [accepted] = await claimRows(world, "gina");
    expect(accepted).toMatchObject({ createOutcome: "accepted", userCreated: true });
    world.clock.advance(3_600_000);
    const ticket = await claimDevice(world.deps("client-a"), input);
    expect(ticket.claimId).toBe(accepted!.id);
    expect(world.creates).toEqual(["gina"]);
  });

  it("the login as the new user down throughout: retryable, and the retry logs in without creating again", async () => {
    world = await startWorld({ kind });
    const { input } = await begin(world, "hank");
    world.h.emulator.injectFault({ method: "POST", path: "/login", kind: "status", status: 503 });
    await expect(claimDevice(world.deps(), input)).rejects.toBeInstanceOf(MediumOneBusy);
    world.h.emulator.clearFaults();
    await claimDevice(world.deps(), input);
    expect(world.creates).toEqual(["hank"]);
  });

  it("a duplicate that is not ours: username taken, the name released, and no login at all", async () => {
    world = await startWorld({ kind });
    world.h.emulator.addUser("ivy", "Someone-Elses-Pass-1");
    const { input } = await begin(world, "ivy");
    await expect(claimDevice(world.deps(), input)).rejects.toBeInstanceOf(UsernameUnavailable);
    expect(world.logins).toEqual([]);
    const [ended] = await claimRows(world, "ivy");
    expect(ended).toMatchObject({ state: "cancelled", endReason: "username_taken", createOutcome: "taken" });
    const [reservation] = await world.db
      .select()
      .from(usernameReservations)
      .where(eq(usernameReservations.claimId, ended!.id));
    expect(reservation?.state).toBe("released");
  });

  it("a password Medium One refuses is a field error on the password, and the name is free again", async () => {
    world = await startWorld({ kind, emulator: { passwordRule: { minLength: 40 } } });
    const { input } = await begin(world, "jack");
    const failure = await claimDevice(world.deps(), input).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PasswordTooWeak);
    expect((failure as PasswordTooWeak).field).toBe("password");
    const [ended] = await claimRows(world, "jack");
    expect(ended).toMatchObject({ state: "cancelled", createOutcome: "password_rejected" });
  });

  it("records intent and outcome events around the create", async () => {
    world = await startWorld({ kind });
    const { device, input } = await begin(world, "kim");
    await claimDevice(world.deps(), input);
    const events = await world.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.deviceId, device.row.id))
      .orderBy(auditEvents.at);
    expect(events.map((e) => e.action)).toEqual([
      "claim.created",
      "medium_one.user_create_intent",
      "medium_one.user_create_outcome",
      "pairing.session_created",
    ]);
  });
});

describe("refusals before any Medium One call", () => {
  it("our own service account, in any case, is 'taken'", async () => {
    world = await startWorld();
    const { input } = await begin(world, "BIZ_USER");
    await expect(claimDevice(world.deps(), input)).rejects.toBeInstanceOf(UsernameUnavailable);
    expect(world.creates).toEqual([]);
  });

  it("a common password is refused as too easy to guess", async () => {
    world = await startWorld();
    const { input } = await begin(world, "lena");
    const weak = { ...input, password: "Password1234", confirmPassword: "Password1234" };
    await expect(claimDevice(world.deps(), weak)).rejects.toThrow(/too easy to guess/);
    expect(world.creates).toEqual([]);
  });

  it("an owned device is already set up", async () => {
    world = await startWorld();
    const { device, input } = await begin(world, "mona");
    const ticket = await claimDevice(world.deps(), input);
    await redeemTicket(world, device, ticket.qrSecret);
    const again = await startSetup(world.deps(), { code: device.code });
    expect(again.next).toBe("already_set_up");
    await expect(
      claimDevice(world.deps(), claimInput(again.attemptId, device.code, "nina")),
    ).rejects.toBeInstanceOf(AlreadySetUp);
  });
});
