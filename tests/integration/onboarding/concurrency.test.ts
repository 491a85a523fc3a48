import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { claims, devices } from "@/lib/db/schema";
import { claimDevice } from "@/lib/onboarding/claim";
import { LimitReached } from "@/lib/onboarding/errors";
import { startSetup } from "@/lib/onboarding/start-setup";
import { base64urlDecode, base64urlEncode, deriveSessionSecrets } from "@/lib/pairing/crypto";
import { DeviceApiError, hello, redeem } from "@/lib/pairing/device-api";
import { allDatabaseKinds } from "../../support/test-db";
import { deviceSide } from "../../support/pairing-fixtures";
import { claimInput, startWorld, type World } from "../../support/onboarding-fixtures";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function settled<T>(work: Promise<T>[]) {
  const results = await Promise.allSettled(work);
  return {
    ok: results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])),
    failed: results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : [])),
  };
}

describe("caps and budgets under concurrency", () => {
  it("a double submit makes one claim and one Medium One user", async () => {
    const w = (world = await startWorld());
    const device = await w.device();
    const check = await startSetup(w.deps(), { code: device.code });
    const input = claimInput(check.attemptId, device.code, "twice");
    const { ok } = await settled([claimDevice(w.deps(), input), claimDevice(w.deps(), input)]);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((t) => t.claimId)).size).toBe(1);
    expect(await w.db.select().from(claims).where(eq(claims.deviceId, device.row.id))).toHaveLength(1);
    expect(w.creates).toEqual(["twice"]);
  });

  it("the pending-claim cap per (device, client) holds when claims race", async () => {
    const w = (world = await startWorld({ onboarding: { claimCapPerDeviceClient: 3 } }));
    const device = await w.device();
    const check = await startSetup(w.deps(), { code: device.code });
    const { ok, failed } = await settled(
      Array.from({ length: 6 }, (_, i) =>
        claimDevice(w.deps(), claimInput(check.attemptId, device.code, `cap${i}`)),
      ),
    );
    expect(ok).toHaveLength(3);
    expect(failed.every((f) => f instanceof LimitReached)).toBe(true);
    // A refusal spends no creation budget and leaves no claim or user behind.
    expect(w.creates).toHaveLength(3);
    expect(await w.db.select().from(claims).where(eq(claims.deviceId, device.row.id))).toHaveLength(3);
  });

  it("the daily creation budget per client (stricter for a registration account) holds when claims race", async () => {
    const w = (world = await startWorld({
      kind: "registration",
      onboarding: { userCreationsPerClientPerDay: 3, claimCapPerDeviceClient: 100 },
    }));
    const devicesForClaims = await Promise.all(Array.from({ length: 5 }, () => w.device()));
    const { ok, failed } = await settled(
      devicesForClaims.map(async (device, i) => {
        const check = await startSetup(w.deps("budget-client"), { code: device.code });
        return claimDevice(w.deps("budget-client"), claimInput(check.attemptId, device.code, `budget${i}`));
      }),
    );
    expect(ok).toHaveLength(3);
    expect(failed).toHaveLength(2);
    expect(failed.every((f) => f instanceof LimitReached)).toBe(true);
    expect(w.creates).toHaveLength(3);
  });

  it("the daily creation budget per device holds across clients", async () => {
    const w = (world = await startWorld({ onboarding: { userCreationsPerDevicePerDay: 2 } }));
    const device = await w.device();
    const { ok, failed } = await settled(
      [0, 1, 2, 3].map(async (i) => {
        const check = await startSetup(w.deps(`net-${i}`), { code: device.code });
        return claimDevice(w.deps(`net-${i}`), claimInput(check.attemptId, device.code, `perdev${i}`));
      }),
    );
    expect(ok).toHaveLength(2);
    expect(failed.every((f) => f instanceof LimitReached)).toBe(true);
  });
});

describe.each(allDatabaseKinds)("100 concurrent claims of one device, then redemptions (%s)", (kind) => {
  it("exactly one claim owns the device", async () => {
    const w = (world = await startWorld({
      database: kind,
      timeoutMs: 10_000,
      onboarding: { claimCapPerDeviceClient: 1000, userCreationsPerDevicePerDay: 1000 },
    }));
    const device = await w.device();
    const tickets = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const deps = w.deps(`crowd-${i}`);
        const check = await startSetup(deps, { code: device.code });
        return claimDevice(deps, claimInput(check.attemptId, device.code, `crowd${i}`));
      }),
    );
    expect(new Set(tickets.map((t) => t.claimId)).size).toBe(100);
    // One network per redemption, so the device API's per-client limit does not decide the race.
    const deviceDeps = (i: number) => ({ db: w.db, clock: w.clock, clientKey: `device-net-${i}` });
    const prepared = await Promise.all(
      tickets.map(async (ticket, i) => {
        const token = base64urlEncode(deriveSessionSecrets(base64urlDecode(ticket.qrSecret)).sessionToken);
        const side = deviceSide(device.keys, token);
        const { nonce } = await hello(deviceDeps(i), side.hello());
        return side.redeem(nonce);
      }),
    );
    const { ok, failed } = await settled(prepared.map((body, i) => redeem(deviceDeps(i), body)));
    expect(ok).toHaveLength(1);
    expect(failed.map((f) => (f instanceof DeviceApiError ? f.code : String(f)))).toEqual(
      Array(99).fill("unknown_session"),
    );
    const [row] = await w.db.select().from(devices).where(eq(devices.id, device.row.id));
    const owners = await w.db.select().from(claims).where(eq(claims.state, "owner"));
    expect(owners).toHaveLength(1);
    expect(row!.ownerClaimId).toBe(owners[0]!.id);
    const cancelled = await w.db.select().from(claims).where(eq(claims.state, "cancelled"));
    expect(cancelled).toHaveLength(99);
  });
});
