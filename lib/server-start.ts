import "server-only";
import { getConfig } from "@/lib/config";
import { getDatabaseHandle } from "@/lib/db";
import { startEmbeddedEmulator } from "@/lib/medium-one/emulator/embedded";
import { ensureDemoBatch } from "@/lib/devices/demo-batch";
import { ensureDemoStaff } from "@/lib/auth/demo-staff";
import { getMediumOneClient } from "@/lib/medium-one";
import { startReconcilerSchedule } from "@/lib/onboarding/reconciler-schedule";
import { systemClock } from "@/lib/security/clock";

/** What the app does once at start, in order. Later issues add the emulator, demo data and the reconciler. */
export async function startServer(): Promise<void> {
  const config = getConfig();
  const { db } = await getDatabaseHandle();
  await startEmbeddedEmulator(config);
  await ensureDemoBatch(db, config, (line) => console.log(line));
  await ensureDemoStaff(db, config, (line) => console.log(line));
  startReconcilerSchedule({
    db,
    clock: systemClock,
    mediumOne: getMediumOneClient(),
    config,
    log: (line) => console.log(line),
  });
  console.log(`Onboard (${config.mode} mode) is ready at ${config.publicBaseUrl}`);
}
