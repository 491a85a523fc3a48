import os from "node:os";
import { Command, Option } from "commander";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { openDatabase, type Database } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { writeAudit } from "@/lib/auth/audit";
import { StaffActionError } from "@/lib/auth/errors";
import { clearUsernameLimit } from "@/lib/auth/sign-in-limits";
import {
  createStaff,
  resetStaffPassword,
  setStaffDisabled,
  setStaffRole,
  type AccountChangeContext,
} from "@/lib/auth/staff-accounts";
import {
  reasonSchema,
  staffDisplayNameSchema,
  staffPasswordSchema,
  staffRoleSchema,
  staffUsernameSchema,
} from "@/lib/auth/staff-schemas";
import { findStaffByUsername, listStaff } from "@/lib/auth/staff-users";
import { systemClock } from "@/lib/security/clock";
import { runProgram } from "./cli-support";
import { PasswordInputError, readPassword } from "./staff/password-input";

/** Support console accounts (`npm run staff -- <command>`). Exit codes: 0 ok, 1 error, 2 usage. */

class UsageError extends Error {}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${what}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

/** Opens the configured database (the PGlite lock refuses while the app runs) for one command. */
async function withAccounts<T>(
  body: (
    db: Database,
    change: <R>(work: (ctx: AccountChangeContext) => Promise<R>) => Promise<R>,
  ) => Promise<T>,
): Promise<T> {
  const config = getConfig();
  const handle = await openDatabase(config.database);
  try {
    await migrateDatabase(handle);
    const actor = `cli:${os.userInfo().username}`;
    const change = <R>(work: (ctx: AccountChangeContext) => Promise<R>) =>
      handle.db.transaction((tx) =>
        work({
          db: tx,
          clock: systemClock,
          actor,
          audit: (entry) => writeAudit(tx, systemClock.now(), { ...entry, actor }),
        }),
      );
    return await body(handle.db, change);
  } finally {
    await handle.close();
  }
}

async function staffIdOf(db: Database, username: string): Promise<string> {
  const row = await findStaffByUsername(db, parse(staffUsernameSchema, username, "username"));
  if (!row) throw new StaffActionError(`No staff member "${username}".`);
  return row.id;
}

/** The new password: generated (and printed once), or read from stdin / a prompt. Never an argument. */
async function newPassword(generate: boolean | undefined): Promise<string | undefined> {
  if (generate) return undefined;
  return parse(staffPasswordSchema, await readPassword(), "password");
}

function printGenerated(username: string, password: string | null): void {
  if (password) console.log(`Password for ${username} (shown once, store it now): ${password}`);
}

const reasonOption = () =>
  new Option("--reason <text>", "why (recorded in the audit log)").makeOptionMandatory();
const generateOption = () =>
  new Option(
    "--generate-password",
    "generate a password and print it once, instead of reading one from stdin",
  );

const program = new Command("staff")
  .description(
    "Support console accounts. Passwords are read from stdin (first line) or a prompt, never from arguments.",
  )
  .exitOverride()
  .showHelpAfterError("(add --help for usage)");

program
  .command("create")
  .description("Create a staff account.")
  .argument("<username>", "sign-in name (case-insensitive)")
  .requiredOption("--name <display name>", "the name shown in the console")
  .addOption(new Option("--role <role>", "support or admin").choices(["support", "admin"]).default("support"))
  .addOption(generateOption())
  .addOption(reasonOption())
  .action(
    async (
      username: string,
      options: { name: string; role: string; generatePassword?: boolean; reason: string },
    ) => {
      const input = {
        username: parse(staffUsernameSchema, username, "username"),
        displayName: parse(staffDisplayNameSchema, options.name, "--name"),
        role: parse(staffRoleSchema, options.role, "--role"),
        reason: parse(reasonSchema, options.reason, "--reason"),
      };
      const password = await newPassword(options.generatePassword);
      const result = await withAccounts((_db, change) =>
        change((ctx) => createStaff(ctx, { ...input, password })),
      );
      console.log(`Created ${result.staff.username} (${result.staff.role}).`);
      printGenerated(result.staff.username, result.generatedPassword);
    },
  );

for (const [name, disabled] of [
  ["disable", true],
  ["enable", false],
] as const) {
  program
    .command(name)
    .description(disabled ? "Disable an account (its sessions end at once)." : "Enable a disabled account.")
    .argument("<username>")
    .addOption(reasonOption())
    .action(async (username: string, options: { reason: string }) => {
      const reason = parse(reasonSchema, options.reason, "--reason");
      const staff = await withAccounts(async (db, change) => {
        const staffId = await staffIdOf(db, username);
        return change((ctx) => setStaffDisabled(ctx, { staffId, disabled, reason }));
      });
      console.log(`${staff.username} is ${staff.disabled ? "disabled" : "enabled"}.`);
    });
}

program
  .command("reset-password")
  .description("Set a new password (ends the account's sessions and clears a sign-in lockout).")
  .argument("<username>")
  .addOption(generateOption())
  .addOption(reasonOption())
  .action(async (username: string, options: { generatePassword?: boolean; reason: string }) => {
    const reason = parse(reasonSchema, options.reason, "--reason");
    const password = await newPassword(options.generatePassword);
    const result = await withAccounts(async (db, change) => {
      const staffId = await staffIdOf(db, username);
      const outcome = await change((ctx) => resetStaffPassword(ctx, { staffId, password, reason }));
      await clearUsernameLimit(db, getConfig().secrets.authSecret, outcome.staff.username);
      return outcome;
    });
    console.log(`New password set for ${result.staff.username}.`);
    printGenerated(result.staff.username, result.generatedPassword);
  });

program
  .command("set-role")
  .description("Change an account's role (takes effect on its next request).")
  .argument("<username>")
  .argument("<role>", "support or admin")
  .addOption(reasonOption())
  .action(async (username: string, role: string, options: { reason: string }) => {
    const input = {
      role: parse(staffRoleSchema, role, "role"),
      reason: parse(reasonSchema, options.reason, "--reason"),
    };
    const staff = await withAccounts(async (db, change) => {
      const staffId = await staffIdOf(db, username);
      return change((ctx) => setStaffRole(ctx, { staffId, ...input }));
    });
    console.log(`${staff.username} is now ${staff.role}.`);
  });

program
  .command("list")
  .description("List staff accounts.")
  .action(async () => {
    const staff = await withAccounts((db) => listStaff(db));
    if (staff.length === 0) {
      console.log("No staff accounts yet. Create one with `npm run staff -- create`.");
      return;
    }
    const rows = [
      ["username", "name", "role", "status", "last sign-in"],
      ...staff.map((s) => [
        s.username,
        s.displayName,
        s.role,
        s.disabled ? "disabled" : s.lockedUntil && s.lockedUntil > new Date() ? "locked" : "active",
        s.lastSignInAt?.toISOString() ?? "never",
      ]),
    ];
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
    for (const row of rows)
      console.log(
        row
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd(),
      );
  });

await runProgram(program, { usage: [UsageError], failure: [StaffActionError, PasswordInputError] });
