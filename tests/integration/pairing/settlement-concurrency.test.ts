import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { claims, pairingSessions } from "@/lib/db/schema";
import { DeviceApiError, hello, redeem } from "@/lib/pairing/device-api";
import { ManualClock } from "@/lib/security/clock";
import { deviceRow, deviceSide, openSession, registerDevice } from "../../support/pairing-fixtures";
import { allDatabaseKinds, createTestDatabase, type TestDatabase } from "../../support/test-db";

const opened: TestDatabase[] = [];
afterAll(async () => Promise.all(opened.map((d) => d.destroy())));

describe.each(allDatabaseKinds)("ownership settlement under concurrency (%s)", (kind) => {
  it("N pending claims of one device redeemed at once: exactly one owner, the rest cancelled", async () => {
    const database = await createTestDatabase(kind);
    opened.push(database);
    const clock = new ManualClock("2026-11-25T12:00:00Z");
    const { row, keys } = await registerDevice(database.db, clock);
    const N = 16;
    const contenders = await Promise.all(
      Array.from({ length: N }, (_, i) => openSession(database.db, clock, row, `user${i}`)),
    );
    const prepared = await Promise.all(
      contenders.map(async (c) => {
        const deps = { db: database.db, clock, clientKey: randomBytes(8).toString("hex") };
        const device = deviceSide(keys, c.token);
        const { nonce } = await hello(deps, device.hello());
        return { deps, request: device.redeem(nonce) };
      }),
    );
    const results = await Promise.allSettled(prepared.map(({ deps, request }) => redeem(deps, request)));

    const winners = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect((r.reason as DeviceApiError).code).toBe("unknown_session");
    }
    const winner = contenders[winners[0]!]!;
    const states = await database.db.select().from(claims).where(eq(claims.deviceId, row.id));
    expect(states.find((c) => c.state === "owner")?.id).toBe(winner.claim.id);
    expect(states.filter((c) => c.state === "cancelled" && c.endReason === "another_claim_won")).toHaveLength(
      N - 1,
    );
    const sessions = await database.db
      .select()
      .from(pairingSessions)
      .where(eq(pairingSessions.deviceId, row.id));
    expect(sessions.filter((s) => s.stage === "cancelled")).toHaveLength(N - 1);
    const device = await deviceRow(database.db, row.id);
    expect([device.ownerClaimId, device.ownerEpoch]).toEqual([winner.claim.id, 1]);
  });
});
