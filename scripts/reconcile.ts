import { Command, CommanderError, InvalidArgumentError } from "commander";
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createMediumOneClient } from "@/lib/medium-one";
import { startEmbeddedEmulator } from "@/lib/medium-one/emulator/embedded";
import { reconcileOnce, RECONCILER_TIMING, type ClaimReport } from "@/lib/onboarding/reconciler";
import { describeSummary } from "@/lib/onboarding/reconciler-schedule";
import { systemClock } from "@/lib/security/clock";
import { runCli } from "./cli-support";

/**
 * One reconciler pass (`npm run reconcile`), the same the app runs every few minutes. Exit codes: 0 done,
 * 1 a claim failed (left for a later pass) or an error, 2 usage.
 */

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new InvalidArgumentError("a whole number, 1 to 10000");
  return n;
}

function describeClaim(report: ClaimReport, dryRun: boolean): string {
  const what = report.actions.length > 0 ? report.actions.join(", ") : "nothing";
  const result = dryRun ? `would: ${what}` : `${report.result}: ${what}`;
  const error = report.error ? ` (${report.error})` : "";
  return `  ${report.claimId}  ${report.loginId}  ${report.state}  ${result}${error}`;
}

const program = new Command("reconcile")
  .description(
    "End pending claims past their lifetime, release the usernames of ended claims, and disable (business " +
      "account) or list for the Medium One portal (registration account) the users they created.",
  )
  .option("--dry-run", "print what a pass would do, change nothing")
  .option("--limit <n>", "claims in this pass", positiveInt, RECONCILER_TIMING.limit)
  .exitOverride()
  .showHelpAfterError("(add --help for usage)")
  .action(async (options: { dryRun?: boolean; limit: number }) => {
    const config = getConfig();
    // The PGlite lock refuses here while the app runs; only then may the embedded emulator take its port.
    // A dry run never calls Medium One.
    const handle = await openDatabase(config.database);
    let emulator: Awaited<ReturnType<typeof startEmbeddedEmulator>>;
    try {
      emulator = options.dryRun ? undefined : await startEmbeddedEmulator(config);
      await migrateDatabase(handle);
      const summary = await reconcileOnce(
        {
          db: handle.db,
          clock: systemClock,
          mediumOne: createMediumOneClient(config.mediumOne),
          config,
          log: (line) => console.error(line),
        },
        { limit: options.limit, dryRun: options.dryRun ?? false },
      );
      console.log(`${summary.dryRun ? "Dry run: " : ""}${describeSummary(summary)}`);
      for (const report of summary.claims) console.log(describeClaim(report, summary.dryRun));
      if (!summary.dryRun && summary.usersListedForPortal > 0) {
        console.log("Users listed for the portal: see `npm run attempts -- alerts`.");
      }
      process.exitCode = summary.failed > 0 ? 1 : 0;
    } finally {
      await emulator?.close();
      await handle.close();
    }
  });

await runCli(async () => {
  try {
    await program.parseAsync(process.argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
});
