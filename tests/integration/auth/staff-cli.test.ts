import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema/audit";
import { staffUsers } from "@/lib/db/schema/staff";
import { verifyPassword } from "@/lib/auth/passwords";
import { runScript } from "../../support/run-script";

const SCRIPT = "scripts/staff.ts";
let tmp: string;
let env: Record<string, string>;
const staff = (args: string[], input?: string) => runScript(SCRIPT, args, env, { input });
const pgliteDir = () => path.join(env.ONBOARD_DATA_DIR!, "pglite");

async function readDatabase() {
  const handle = await openDatabase({ kind: "pglite", dir: pgliteDir() });
  try {
    return {
      users: await handle.db.select().from(staffUsers),
      events: await handle.db.select().from(auditEvents),
    };
  } finally {
    await handle.close();
  }
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "onboard-staff-cli-"));
  env = { ONBOARD_DATA_DIR: path.join(tmp, "data") };
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("staff CLI", { timeout: 180_000 }, () => {
  it("prints help for each command and exits 2 on usage errors, never taking a password argument", async () => {
    const help = await staff(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["create", "disable", "enable", "reset-password", "set-role", "list"]) {
      expect(help.stdout).toContain(command);
      expect((await staff([command, "--help"])).code).toBe(0);
    }
    const withPassword = await staff([
      "create",
      "eve",
      "--name",
      "Eve",
      "--reason",
      "hire",
      "--password",
      "x",
    ]);
    expect(withPassword.code).toBe(2);
    expect(withPassword.stderr).toContain("unknown option '--password'");
    const noReason = await staff(["create", "eve", "--name", "Eve"]);
    expect(noReason.code).toBe(2);
    const badRole = await staff(["set-role", "eve", "root", "--reason", "why not"]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("role: Choose support or admin.");
  });

  it("creates accounts from a piped password or a generated one, and lists them", async () => {
    const piped = "Piped-Password-4567";
    const created = await staff(
      ["create", "Alice", "--name", "Alice A", "--role", "admin", "--reason", "first admin"],
      `${piped}\n`,
    );
    expect(created.code).toBe(0);
    // The first command of a fresh data dir also says it generated the embedded secrets.
    expect(created.stdout).toContain("Created alice (admin).\n");
    const generated = await staff([
      "create",
      "bob",
      "--name",
      "Bob",
      "--generate-password",
      "--reason",
      "new hire",
    ]);
    expect(generated.code).toBe(0);
    const bobPassword = /shown once, store it now\): (\S+)/.exec(generated.stdout)?.[1];
    expect(bobPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);

    const short = await staff(["create", "carl", "--name", "Carl", "--reason", "hire"], "short\n");
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("password: Use at least 12 characters.");
    const duplicate = await staff(
      ["create", "ALICE", "--name", "Alice 2", "--reason", "again"],
      `${piped}\n`,
    );
    expect(duplicate).toMatchObject({ code: 1, stderr: "That username is already taken.\n" });

    const list = await staff(["list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/alice\s+Alice A\s+admin\s+active\s+never/);
    expect(list.stdout).toMatch(/bob\s+Bob\s+support\s+active\s+never/);

    const { users } = await readDatabase();
    const alice = users.find((u) => u.username === "alice")!;
    expect(await verifyPassword(alice.passwordHash, piped)).toBe(true);
    const bob = users.find((u) => u.username === "bob")!;
    expect(await verifyPassword(bob.passwordHash, bobPassword!)).toBe(true);
  });

  it("sets roles, disables and enables, keeps one admin, and resets passwords", async () => {
    expect(await staff(["set-role", "bob", "admin", "--reason", "team lead"])).toMatchObject({
      code: 0,
      stdout: "bob is now admin.\n",
    });
    expect((await staff(["disable", "alice", "--reason", "on leave"])).stdout).toBe("alice is disabled.\n");
    const lastAdmin = await staff(["disable", "bob", "--reason", "on leave"]);
    expect(lastAdmin).toMatchObject({
      code: 1,
      stderr: "This is the last enabled admin; make someone else an admin first.\n",
    });
    const lastDemote = await staff(["set-role", "bob", "support", "--reason", "demote"]);
    expect(lastDemote.code).toBe(1);
    expect((await staff(["enable", "alice", "--reason", "back"])).stdout).toBe("alice is enabled.\n");
    const missing = await staff(["disable", "nobody", "--reason", "who"]);
    expect(missing).toMatchObject({ code: 1, stderr: 'No staff member "nobody".\n' });

    const reset = await staff(["reset-password", "alice", "--reason", "forgot it"], "Another-Password-890\n");
    expect(reset).toMatchObject({ code: 0, stdout: "New password set for alice.\n" });
    const { users, events } = await readDatabase();
    const alice = users.find((u) => u.username === "alice")!;
    expect(await verifyPassword(alice.passwordHash, "Another-Password-890")).toBe(true);
    expect(alice.sessionsValidAfter).not.toBeNull();

    const actor = `cli:${os.userInfo().username}`;
    const cliEvents = events.filter((e) => e.actor === actor);
    expect(cliEvents.map((e) => e.action)).toEqual([
      "staff.created",
      "staff.created",
      "staff.role_changed",
      "staff.disabled",
      "staff.enabled",
      "staff.password_reset",
    ]);
    expect(cliEvents.map((e) => e.reason)).toEqual([
      "first admin",
      "new hire",
      "team lead",
      "on leave",
      "back",
      "forgot it",
    ]);
    const everything = JSON.stringify(events);
    for (const secret of ["Piped-Password-4567", "Another-Password-890", "$argon2"]) {
      expect(everything).not.toContain(secret);
    }
  });

  it("refuses, with a clear message, while another process has the embedded database open", async () => {
    const holder = await openDatabase({ kind: "pglite", dir: pgliteDir() });
    try {
      const refused = await staff(["list"]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/in use|stop the app/i);
      expect(refused.stderr).not.toContain("    at ");
    } finally {
      await holder.close();
    }
  });
});
