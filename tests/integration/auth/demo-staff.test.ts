import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoStaff, demoStaffFile } from "@/lib/auth/demo-staff";
import { verifyPassword } from "@/lib/auth/passwords";
import { listStaff, findStaffByUsername } from "@/lib/auth/staff-users";
import { ManualClock } from "@/lib/security/clock";
import { createTestDatabase, type TestDatabase } from "../../support/test-db";

let t: TestDatabase;
let dataDir: string;
const clock = new ManualClock();
const config = () => ({ mode: "embedded" as const, dataDir, publicBaseUrl: "http://localhost:3000" });

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-demo-staff-"));
});
afterAll(async () => {
  await t.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded demo staff", () => {
  it("creates a demo admin and a demo support agent once, keeps their passwords 0600, and prints how to sign in", async () => {
    const first: string[] = [];
    await ensureDemoStaff(t.db, config(), (line) => first.push(line), clock);
    const file = demoStaffFile(dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const { passwords } = JSON.parse(fs.readFileSync(file, "utf8")) as { passwords: Record<string, string> };
    expect(first[0]).toBe("Support console: http://localhost:3000/support/sign-in");
    expect(first).toContain(`  demo-admin (admin): password ${passwords["demo-admin"]}`);
    expect(first).toContain(`  demo-support (support): password ${passwords["demo-support"]}`);
    for (const username of ["demo-admin", "demo-support"]) {
      const row = await findStaffByUsername(t.db, username);
      expect(await verifyPassword(row!.passwordHash, passwords[username]!)).toBe(true);
    }

    const second: string[] = [];
    await ensureDemoStaff(t.db, config(), (line) => second.push(line), clock);
    expect(second).toEqual(first);
    expect((await listStaff(t.db)).map((s) => [s.username, s.role])).toEqual([
      ["demo-admin", "admin"],
      ["demo-support", "support"],
    ]);
  });

  it("does not print a password that no longer works", async () => {
    const file = demoStaffFile(dataDir);
    const stored = JSON.parse(fs.readFileSync(file, "utf8")) as { passwords: Record<string, string> };
    stored.passwords["demo-support"] = "not-the-real-password";
    fs.writeFileSync(file, JSON.stringify(stored));
    const lines: string[] = [];
    await ensureDemoStaff(t.db, config(), (line) => lines.push(line), clock);
    expect(lines).toContain("  demo-support (support): password changed since it was generated; not shown");
    expect(lines.join("\n")).not.toContain("not-the-real-password");
  });

  it("does nothing in deployed mode", async () => {
    const lines: string[] = [];
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-demo-staff-deployed-"));
    try {
      await ensureDemoStaff(
        t.db,
        { ...config(), mode: "deployed", dataDir: other },
        (line) => lines.push(line),
        clock,
      );
      expect(lines).toEqual([]);
      expect(fs.existsSync(demoStaffFile(other))).toBe(false);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
