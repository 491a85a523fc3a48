import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attempts,
  auditEvents,
  claims,
  pairingSessions,
  termsAcceptances,
  usernameReservations,
} from "@/lib/db/schema";
import { MULTIPLE_CLIENTS_ALERT } from "@/lib/onboarding/alerts";
import { checkUsername } from "@/lib/onboarding/check-username";
import { claimDevice } from "@/lib/onboarding/claim";
import { TERMS_VERSION } from "@/lib/onboarding/contract";
import {
  AttemptInvalid,
  ClaimEnded,
  MediumOneBusy,
  TooManyRequests,
  UnknownCode,
  WrongCredentials,
} from "@/lib/onboarding/errors";
import { renewPairing } from "@/lib/onboarding/renew";
import { repairDevice } from "@/lib/onboarding/repair";
import { startSetup } from "@/lib/onboarding/start-setup";
import { pairingStatus } from "@/lib/onboarding/status";
import { base64urlDecode, base64urlEncode, deriveSessionSecrets } from "@/lib/pairing/crypto";
import { hello, redeem } from "@/lib/pairing/device-api";
import { formatBoxCode, generateBoxCode } from "@/lib/devices/box-code";
import { deviceSide, sessionRow } from "../../support/pairing-fixtures";
import { claimInput, startWorld, STRONG_PASSWORD, type World } from "../../support/onboarding-fixtures";

let world: World;
beforeAll(async () => {
  world = await startWorld({ onboarding: { unknownCodesPerClientPerHour: 3 } });
});
afterAll(async () => world.close());

async function claimed(loginId: string, clientKey = `client-${loginId}`) {
  const device = await world.device();
  const check = await startSetup(world.deps(clientKey), { code: device.code });
  const ticket = await claimDevice(world.deps(clientKey), claimInput(check.attemptId, device.code, loginId));
  return { device, check, ticket };
}

async function redeemed(device: Awaited<ReturnType<World["device"]>>, qrSecret: string) {
  const token = base64urlEncode(deriveSessionSecrets(base64urlDecode(qrSecret)).sessionToken);
  const side = deviceSide(device.keys, token);
  const deps = { db: world.db, clock: world.clock, clientKey: "device-net" };
  const { nonce } = await hello(deps, side.hello());
  await redeem(deps, side.redeem(nonce));
}

describe("the code step", () => {
  it("begins an attempt with a support code and the keyed hash of what was typed, found or not", async () => {
    const device = await world.device();
    const found = await startSetup(world.deps("client-code-1"), { code: device.code.toLowerCase() });
    expect(found).toMatchObject({ next: "claim", device: { serial: device.row.serial, model: "test" } });
    expect(found.supportCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const [row] = await world.db.select().from(attempts).where(eq(attempts.id, found.attemptId));
    expect(row).toMatchObject({ step: "code", outcome: "code_ok", deviceId: device.row.id });
    expect(row!.codeHmac).toMatch(/^[0-9a-f]{64}$/);

    const unknown = await startSetup(world.deps("client-code-1"), {
      code: formatBoxCode(generateBoxCode()),
    }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UnknownCode);
    const [miss] = await world.db
      .select()
      .from(attempts)
      .where(eq(attempts.supportCode, (unknown as UnknownCode).supportCode!));
    expect(miss).toMatchObject({ outcome: "unknown_code", deviceId: null });
  });

  it("gives a dev-batch device in deployed mode the very answer of an unknown code", async () => {
    const devDevice = await world.device({ batchKind: "dev" });
    const deployed = (clientKey: string) => {
      const deps = world.deps(clientKey);
      return { ...deps, config: { ...deps.config, mode: "deployed" as const } };
    };
    const hidden = await startSetup(deployed("client-code-2"), { code: devDevice.code }).catch(
      (e: unknown) => e,
    );
    const unknown = await startSetup(deployed("client-code-2"), {
      code: formatBoxCode(generateBoxCode()),
    }).catch((e: unknown) => e);
    expect(hidden).toBeInstanceOf(UnknownCode);
    expect((hidden as Error).message).toBe((unknown as Error).message);
    const factory = await world.device({ batchKind: "factory" });
    await expect(startSetup(deployed("client-code-2"), { code: factory.code })).resolves.toMatchObject({
      next: "claim",
    });
  });

  it("limits unknown codes per client; known codes cost nothing; another client is unaffected", async () => {
    const device = await world.device();
    for (let i = 0; i < 5; i++) await startSetup(world.deps("client-code-3"), { code: device.code });
    for (let i = 0; i < 3; i++) {
      await expect(
        startSetup(world.deps("client-code-3"), { code: formatBoxCode(generateBoxCode()) }),
      ).rejects.toBeInstanceOf(UnknownCode);
    }
    // A blocked guesser gets nothing, not even for a real code.
    await expect(startSetup(world.deps("client-code-3"), { code: device.code })).rejects.toBeInstanceOf(
      TooManyRequests,
    );
    await expect(startSetup(world.deps("client-code-4"), { code: device.code })).resolves.toBeDefined();
  });
});

describe("the username check", () => {
  it("answers from our reservations only, after a valid code step, never asking Medium One", async () => {
    const { device: _d } = await claimed("Olive");
    const device = await world.device();
    const check = await startSetup(world.deps("client-u"), { code: device.code });
    const ask = (loginId: string) =>
      checkUsername(world.deps("client-u"), { attemptId: check.attemptId, code: device.code, loginId });
    const loginsBefore = world.logins.length;
    await expect(ask("OLIVE")).resolves.toEqual({ available: false });
    await expect(ask("biz_user")).resolves.toEqual({ available: false });
    // Exists at Medium One but not reserved by us: we do not know and do not ask.
    world.h.emulator.addUser("outsider", "Outsider-Pass-123");
    await expect(ask("outsider")).resolves.toEqual({ available: true });
    expect(world.logins.length).toBe(loginsBefore);
  });

  it("refuses a forged attempt or a code that is not the attempt's", async () => {
    const device = await world.device();
    const other = await world.device();
    const check = await startSetup(world.deps(), { code: device.code });
    await expect(
      checkUsername(world.deps(), { attemptId: check.attemptId, code: other.code, loginId: "pat" }),
    ).rejects.toBeInstanceOf(AttemptInvalid);
    await expect(
      checkUsername(world.deps(), { attemptId: crypto.randomUUID(), code: device.code, loginId: "pat" }),
    ).rejects.toBeInstanceOf(AttemptInvalid);
  });
});

describe("records", () => {
  it("the terms acceptance: version, device, username and a keyed client hash, never the IP", async () => {
    const { device, ticket } = await claimed("quinn", "keyed-client-hash");
    const [row] = await world.db
      .select()
      .from(termsAcceptances)
      .where(eq(termsAcceptances.claimId, ticket.claimId));
    expect(row).toMatchObject({
      termsVersion: TERMS_VERSION,
      deviceId: device.row.id,
      loginId: "quinn",
      ipHash: "keyed-client-hash",
    });
  });

  it("an alert when pending claims of one device come from several clients, once per new client", async () => {
    const device = await world.device();
    for (const [client, name] of [
      ["net-1", "rita"],
      ["net-1", "rita2"],
      ["net-2", "sam"],
    ] as const) {
      const check = await startSetup(world.deps(client), { code: device.code });
      await claimDevice(world.deps(client), claimInput(check.attemptId, device.code, name));
    }
    const alerts = await world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.deviceId, device.row.id), eq(auditEvents.action, MULTIPLE_CLIENTS_ALERT)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.details).toEqual({ clients: 2 });
  });
});

describe("renewal", () => {
  it("a wrong password is refused and the open session stays as it was", async () => {
    const { ticket } = await claimed("tom");
    const failure = await renewPairing(world.deps(), {
      claimId: ticket.claimId,
      password: "Wrong-Pass-999",
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WrongCredentials);
    expect((failure as WrongCredentials).field).toBe("password");
    expect(await sessionRow(world.db, ticket.sessionId)).toMatchObject({
      stage: "created",
      cancelledAt: null,
    });
  });

  it("the right password opens a new session that replaces the old one, same claim and support code", async () => {
    const { ticket } = await claimed("uma");
    const renewed = await renewPairing(world.deps(), { claimId: ticket.claimId, password: STRONG_PASSWORD });
    expect(renewed).toMatchObject({ claimId: ticket.claimId, supportCode: ticket.supportCode });
    expect(renewed.sessionId).not.toBe(ticket.sessionId);
    expect(renewed.qrSecret).not.toBe(ticket.qrSecret);
    expect(await sessionRow(world.db, ticket.sessionId)).toMatchObject({
      stage: "cancelled",
      cancelReason: "replaced",
    });
  });

  it("the login budget stops wrong passwords before Medium One's lockout; outages never spend it", async () => {
    const { ticket } = await claimed("vera");
    world.h.emulator.injectFault({ method: "POST", path: "/login", kind: "status", status: 503 });
    for (let i = 0; i < 4; i++) {
      await expect(
        renewPairing(world.deps(), { claimId: ticket.claimId, password: "Wrong-Pass-999" }),
      ).rejects.toBeInstanceOf(MediumOneBusy);
    }
    world.h.emulator.clearFaults();
    for (let i = 0; i < 2; i++) {
      await expect(
        renewPairing(world.deps(), { claimId: ticket.claimId, password: "Wrong-Pass-999" }),
      ).rejects.toBeInstanceOf(WrongCredentials);
    }
    const loginsBefore = world.logins.length;
    await expect(
      renewPairing(world.deps(), { claimId: ticket.claimId, password: "Wrong-Pass-999" }),
    ).rejects.toBeInstanceOf(TooManyRequests);
    expect(world.logins.length).toBe(loginsBefore);
    // Medium One never locked the user out: its own password still works there.
    await expect(world.h.business.asUser("vera", STRONG_PASSWORD).getSelf()).resolves.toMatchObject({
      loginId: "vera",
    });
  });

  it("an unknown claim has ended", async () => {
    await expect(
      renewPairing(world.deps(), { claimId: crypto.randomUUID(), password: STRONG_PASSWORD }),
    ).rejects.toBeInstanceOf(ClaimEnded);
  });
});

describe("re-pair of a device already set up", () => {
  it("refuses anyone but the owner (without a login for a non-owner) and re-pairs the owner", async () => {
    const { device, ticket } = await claimed("wendy");
    await redeemed(device, ticket.qrSecret);
    const loginsBefore = world.logins.length;
    await expect(
      repairDevice(world.deps(), { code: device.code, loginId: "mallory", password: STRONG_PASSWORD }),
    ).rejects.toBeInstanceOf(WrongCredentials);
    expect(world.logins.length).toBe(loginsBefore);
    await expect(
      repairDevice(world.deps(), { code: device.code, loginId: "WENDY", password: "Wrong-Pass-999" }),
    ).rejects.toBeInstanceOf(WrongCredentials);
    const again = await repairDevice(world.deps(), {
      code: device.code,
      loginId: "WENDY",
      password: STRONG_PASSWORD,
    });
    expect(again.claimId).toBe(ticket.claimId);
    await redeemed(device, again.qrSecret);
  });
});

describe("status", () => {
  it("shows the stage, and a claim that lost to another claim of the device", async () => {
    const device = await world.device();
    const tickets = [];
    for (const name of ["xena", "yuri"]) {
      const check = await startSetup(world.deps(`net-${name}`), { code: device.code });
      tickets.push(
        await claimDevice(world.deps(`net-${name}`), claimInput(check.attemptId, device.code, name)),
      );
    }
    const [loser, winner] = tickets as [(typeof tickets)[0], (typeof tickets)[0]];
    await expect(pairingStatus(world.deps(), loser.sessionId)).resolves.toMatchObject({
      stage: "created",
      claim: "pending",
      connectedAt: null,
      firstMessage: null,
    });
    await redeemed(device, winner.qrSecret);
    await expect(pairingStatus(world.deps(), winner.sessionId)).resolves.toMatchObject({ claim: "owner" });
    await expect(pairingStatus(world.deps(), loser.sessionId)).resolves.toMatchObject({
      stage: "cancelled",
      claim: "lost",
    });
    await expect(pairingStatus(world.deps(), crypto.randomUUID())).resolves.toBeNull();
  });
});

describe("secrets", () => {
  it("no password or QR secret in audit events, attempts, claims, reservations, terms or sessions", async () => {
    const { ticket } = await claimed("zoe");
    const qrHex = Buffer.from(base64urlDecode(ticket.qrSecret)).toString("hex");
    const dump = JSON.stringify([
      await world.db.select().from(auditEvents),
      await world.db.select().from(attempts),
      await world.db.select().from(claims),
      await world.db.select().from(usernameReservations),
      await world.db.select().from(termsAcceptances),
      await world.db.select().from(pairingSessions),
    ]);
    expect(dump).toContain("zoe");
    for (const secret of [STRONG_PASSWORD, "Wrong-Pass-999", ticket.qrSecret, qrHex]) {
      expect(dump).not.toContain(secret);
    }
  });
});
