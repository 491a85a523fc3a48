import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db/client";
import { systemClock, type Clock } from "@/lib/security/clock";
import { writeAudit } from "./audit";
import { SIGN_IN_PATH } from "./paths";
import { generatePassword, verifyPassword } from "./passwords";
import { createStaff } from "./staff-accounts";
import { findStaffByUsername } from "./staff-users";

export const DEMO_STAFF = [
  { username: "demo-admin", displayName: "Demo Admin", role: "admin" },
  { username: "demo-support", displayName: "Demo Support", role: "support" },
] as const;

const demoFileSchema = z.object({ passwords: z.record(z.string(), z.string().min(12)) });

export function demoStaffFile(dataDir: string): string {
  return path.join(dataDir, "demo-staff.json");
}

/** The demo passwords, generated once and kept (0600) beside the embedded secrets. */
function loadOrCreatePasswords(file: string): Record<string, string> {
  if (fs.existsSync(file)) {
    const parsed = demoFileSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (parsed.success && DEMO_STAFF.every((s) => parsed.data.passwords[s.username]))
      return parsed.data.passwords;
  }
  const passwords = Object.fromEntries(DEMO_STAFF.map((s) => [s.username, generatePassword()]));
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify({ passwords }, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return passwords;
}

/**
 * Embedded mode only: makes sure a demo admin and a demo support agent exist, and on every start prints how to
 * sign in. An account whose password was changed since (with `npm run staff`) is left alone and said so.
 */
export async function ensureDemoStaff(
  db: Database,
  config: Pick<Config, "mode" | "dataDir" | "publicBaseUrl">,
  log: (line: string) => void,
  clock: Clock = systemClock,
): Promise<void> {
  if (config.mode !== "embedded") return;
  const passwords = loadOrCreatePasswords(demoStaffFile(config.dataDir));
  log(`Support console: ${config.publicBaseUrl}${SIGN_IN_PATH}`);
  for (const demo of DEMO_STAFF) {
    const password = passwords[demo.username]!;
    const existing = await findStaffByUsername(db, demo.username);
    if (!existing) {
      await db.transaction((tx) =>
        createStaff(
          {
            db: tx,
            clock,
            actor: "system",
            audit: (entry) => writeAudit(tx, clock.now(), { ...entry, actor: "system" }),
          },
          { ...demo, password, reason: "embedded mode demo account" },
        ),
      );
    } else if (!(await verifyPassword(existing.passwordHash, password))) {
      log(`  ${demo.username} (${demo.role}): password changed since it was generated; not shown`);
      continue;
    }
    log(`  ${demo.username} (${demo.role}): password ${password}`);
  }
}
