import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attempts, auditEvents, claims } from "@/lib/db/schema";
import { formatBoxCode, generateBoxCode } from "@/lib/devices/box-code";
import { claimDevice } from "@/lib/onboarding/claim";
import { UnknownCode } from "@/lib/onboarding/errors";
import { reconcileOnce } from "@/lib/onboarding/reconciler";
import { startSetup } from "@/lib/onboarding/start-setup";
import type { PairingTicket } from "@/lib/onboarding/contract";
import { HOUR } from "@/lib/security/clock";
import {
  claimInput,
  startWorld,
  STRONG_PASSWORD,
  type TestDeviceWithCode,
  type World,
} from "../../support/onboarding-fixtures";
import { runScript } from "../../support/run-script";

/**
 * `npm run attempts` end to end: a registration-account world (so the reconciler lists a user for the portal)
 * in a PGlite directory that then becomes the CLI's ONBOARD_DATA_DIR.
 */
let world: World;
let dataDir: string;
let env: Record<string, string>;
let shared: TestDeviceWithCode;
let alice: PairingTicket;
let codeHmac: string;

async function claimAs(client: string, device: TestDeviceWithCode, loginId: string) {
  const deps = world.deps(client);
  const check = await startSetup(deps, { code: device.code });
  return claimDevice(deps, claimInput(check.attemptId, device.code, loginId));
}

beforeAll(async () => {
  world = await startWorld({ kind: "registration", database: "pglite" });
  // The CLI reads the real clock: the story happens in the last day.
  world.clock.set(Date.now() - 30 * HOUR);
  await claimAs("net-3", await world.device(), "carol");
  world.clock.advance(25 * HOUR);
  const { db, clock, mediumOne, config } = world.deps();
  await reconcileOnce({ db, clock, mediumOne, config, log: () => undefined });

  shared = await world.device();
  alice = await claimAs("net-1", shared, "alice");
  await claimAs("net-2", shared, "bob");
  for (let i = 0; i < 3; i++) {
    const guess = formatBoxCode(generateBoxCode());
    await expect(startSetup(world.deps("guesser"), { code: guess })).rejects.toBeInstanceOf(UnknownCode);
  }
  await world.db.insert(auditEvents).values({
    at: world.clock.now(),
    actor: `device:${shared.row.serial}`,
    action: "pairing.bad_signature",
    deviceId: shared.row.id,
    details: { operation: "redeem" },
  });
  // Past its lifetime, so the reconciler's dry run has something to report.
  const dave = await claimAs("net-4", await world.device(), "dave");
  await world.db
    .update(claims)
    .set({ expiresAt: new Date(Date.now() - HOUR) })
    .where(eq(claims.id, dave.claimId));
  const [row] = await world.db.select().from(attempts).where(eq(attempts.supportCode, alice.supportCode));
  codeHmac = row!.codeHmac;

  const dir = (world.testDb.target as { dir: string }).dir;
  dataDir = path.dirname(dir);
  env = { ONBOARD_DATA_DIR: dataDir };
}, 120_000);

afterAll(async () => {
  await world.h.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run attempts", () => {
  it("refuses, with a clear message, while another process has the database open", async () => {
    const result = await runScript("scripts/attempts.ts", ["alerts"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in use|another process|is running/i);
    // The database is the CLI's from here on.
    await world.testDb.close();
  });

  it("show prints one attempt: step, outcome, device, claim and its events, never a secret", async () => {
    const typed = alice.supportCode.replace("-", "").toLowerCase();
    const result = await runScript("scripts/attempts.ts", ["show", typed], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain(`Support code  ${alice.supportCode}`);
    expect(out).toMatch(/Step reached +claim/);
    expect(out).toMatch(/Outcome +session_issued/);
    expect(out).toContain(shared.row.serial);
    expect(out).toContain(`${alice.claimId}  alice  pending`);
    expect(out).toContain("claim.created");
    expect(out).toContain("medium_one.user_create_outcome");
    expect(out).toContain("pairing.session_created");
    expect(out).not.toContain("bob");
    for (const secret of [
      STRONG_PASSWORD,
      shared.code,
      shared.code.replace(/-/g, ""),
      codeHmac,
      alice.qrSecret,
    ]) {
      expect(out).not.toContain(secret);
    }
  });

  it("show of an unknown support code exits 1 with a clear message", async () => {
    const result = await runScript("scripts/attempts.ts", ["show", "ZZZZ-ZZZZ"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No attempt has the support code "ZZZZ-ZZZZ".');
    expect(result.stdout).toBe("");
    const garbage = await runScript("scripts/attempts.ts", ["show", "not a code!"], env);
    expect(garbage.code).toBe(1);
  });

  it("alerts lists several clients on one device, a failing client, bad signatures and the portal list", async () => {
    const result = await runScript("scripts/attempts.ts", ["alerts"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(
      new RegExp(`${shared.row.serial}  2 clients, 2 pending claims, alert raised \\d{4}-`),
    );
    expect(out).toContain("guesser  3 failed attempts");
    expect(out).not.toMatch(/net-1 {2}\d+ failed/);
    expect(out).toMatch(new RegExp(`Bad signatures \\(last 24 h\\): \\n  ${shared.row.serial}  1, last`));
    expect(out).toMatch(/Users to remove in the Medium One portal.*\n {2}carol {2}device /);
  });

  it("usage errors exit 2; --help exits 0", async () => {
    expect((await runScript("scripts/attempts.ts", ["bogus"], env)).code).toBe(2);
    expect((await runScript("scripts/attempts.ts", ["alerts", "--hours", "0"], env)).code).toBe(2);
    const help = await runScript("scripts/attempts.ts", ["--help"], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("show");
    expect(help.stdout).toContain("alerts");
  });
});

describe("npm run reconcile", () => {
  it("a dry run prints what it would do and changes nothing", async () => {
    const result = await runScript("scripts/reconcile.ts", ["--dry-run"], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Dry run: 1 claim(s) examined");
    // The CLI runs with the embedded default configuration: a business account, which can disable.
    expect(result.stdout).toMatch(/  dave {2}pending {2}would: expire, disable_user\n/);
    const again = await runScript("scripts/reconcile.ts", ["--dry-run"], env);
    expect(again.stdout).toContain("Dry run: 1 claim(s) examined");
  });

  it("rejects a bad --limit with exit 2", async () => {
    expect((await runScript("scripts/reconcile.ts", ["--limit", "0"], env)).code).toBe(2);
  });
});
