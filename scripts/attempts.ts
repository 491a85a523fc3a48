import { Command, InvalidArgumentError } from "commander";
import { getConfig } from "@/lib/config";
import { openDatabase, type Database } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import {
  findAttemptBySupportCode,
  listAlerts,
  type AttemptDetail,
  type Alerts,
} from "@/lib/onboarding/support-queries";
import { systemClock } from "@/lib/security/clock";
import { runProgram } from "./cli-support";

/** Setup attempts and alerts for support (`npm run attempts -- <command>`). Exit codes: 0 ok, 1 not found or error, 2 usage. */

class NotFoundError extends Error {}

async function withDatabase<T>(body: (db: Database) => Promise<T>): Promise<T> {
  // The PGlite lock refuses, with a clear message, while the app runs on the same data directory.
  const handle = await openDatabase(getConfig().database);
  try {
    await migrateDatabase(handle);
    return await body(handle.db);
  } finally {
    await handle.close();
  }
}

const iso = (date: Date | null) => date?.toISOString() ?? "-";

function printAttempt(attempt: AttemptDetail): void {
  console.log(`Support code  ${attempt.supportCode}`);
  console.log(`Started       ${iso(attempt.createdAt)}`);
  console.log(`Last update   ${iso(attempt.updatedAt)}`);
  console.log(`Step reached  ${attempt.step}`);
  console.log(`Outcome       ${attempt.outcome}`);
  console.log(
    `Device        ${attempt.device ? `${attempt.device.serial} (${attempt.device.model})` : "none matched"}`,
  );
  console.log(`Claims        ${attempt.claims.length === 0 ? "none" : ""}`);
  for (const claim of attempt.claims) {
    const ended = claim.endedAt ? `, ended ${iso(claim.endedAt)} (${claim.endReason ?? "-"})` : "";
    const user = claim.userCreated
      ? `user created${claim.userDisposition ? `, ${claim.userDisposition}` : ""}`
      : "no user created";
    console.log(`  ${claim.id}  ${claim.loginId}  ${claim.state}${ended}`);
    console.log(
      `    created ${iso(claim.createdAt)}, expires ${iso(claim.expiresAt)}, create outcome ${claim.createOutcome ?? "-"}, ${user}`,
    );
  }
  console.log(`Events        ${attempt.events.length === 0 ? "none" : ""}`);
  for (const event of attempt.events) {
    const reason = event.reason ? ` reason="${event.reason}"` : "";
    console.log(
      `  ${iso(event.at)}  ${event.action}  by ${event.actor}${reason}  ${JSON.stringify(event.details)}`,
    );
  }
}

function printAlerts(alerts: Alerts, windowHours: number): void {
  const section = (title: string, lines: string[]) => {
    console.log(`${title}: ${lines.length === 0 ? "none" : ""}`);
    for (const line of lines) console.log(`  ${line}`);
  };
  section(
    "Devices with pending claims from several clients",
    alerts.multipleClients.map(
      (d) =>
        `${d.serial}  ${d.clients} clients, ${d.pendingClaims} pending claims, alert raised ${iso(d.lastAlertAt)}`,
    ),
  );
  section(
    `Clients with repeated failures (last ${windowHours} h)`,
    alerts.repeatedFailures.map((c) => `${c.client}  ${c.failures} failed attempts, last ${iso(c.lastAt)}`),
  );
  section(
    `Bad signatures (last ${windowHours} h)`,
    alerts.badSignatures.map((d) => `${d.serial}  ${d.count}, last ${iso(d.lastAt)}`),
  );
  section(
    "Users to remove in the Medium One portal (the account cannot disable them)",
    alerts.portalCleanup.map(
      (u) =>
        `${u.loginId}  device ${u.serial}, claim ${u.claimId} ${u.endReason ?? ""}, listed ${iso(u.listedAt)}`,
    ),
  );
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 24 * 365)
    throw new InvalidArgumentError("a whole number of hours, 1 to 8760");
  return n;
}

const program = new Command("attempts")
  .description("Consumer setup attempts and alerts, for support.")
  .exitOverride()
  .showHelpAfterError("(add --help for usage)");

program
  .command("show")
  .description(
    "Print one attempt: steps, outcome, device, claims and audit events (never a password or code).",
  )
  .argument("<support-code>", "the code the consumer's page showed, e.g. K7Q4-M2XD")
  .action(async (supportCode: string) => {
    const attempt = await withDatabase((db) => findAttemptBySupportCode(db, supportCode));
    if (!attempt) throw new NotFoundError(`No attempt has the support code "${supportCode}".`);
    printAttempt(attempt);
  });

program
  .command("alerts")
  .description(
    "Devices with pending claims from several clients, clients failing repeatedly, bad-signature replays, " +
      "and users the reconciler listed for the Medium One portal.",
  )
  .option("--hours <n>", "window for failures and bad signatures", positiveInt, 24)
  .action(async (options: { hours: number }) => {
    const alerts = await withDatabase((db) =>
      listAlerts(db, { now: systemClock.now(), windowHours: options.hours }),
    );
    printAlerts(alerts, options.hours);
  });

await runProgram(program, { failure: [NotFoundError] });
