import "server-only";
import { eq, inArray, like, or } from "drizzle-orm";
import type { Tx } from "@/lib/auth/audit";
import type { StaffActionContext } from "@/lib/auth/staff-action";
import { StaffActionError } from "@/lib/auth/errors";
import type { Database } from "@/lib/db/client";
import { attempts, claims, pairingSessions, rateLimits } from "@/lib/db/schema";
import { foldLoginId } from "@/lib/onboarding/consumer-login";
import { lockDevice } from "./device-lock";

type Reader = Database | Tx;

/**
 * The rate-limit keys that are about one device (rate-limiter-flexible stores `<limiter>:<key>`): its user-creation
 * budget, the login budgets of its claims' usernames, and its sessions' device-API limits.
 */
async function deviceKeys(db: Reader, deviceId: string): Promise<string[]> {
  const claimRows = await db
    .select({ loginId: claims.loginId })
    .from(claims)
    .where(eq(claims.deviceId, deviceId));
  const sessionRows = await db
    .select({ hex: pairingSessions.sessionIdHex })
    .from(pairingSessions)
    .where(eq(pairingSessions.deviceId, deviceId));
  return [
    `setup-user-creations-device:${deviceId}`,
    ...new Set(claimRows.map((c) => `setup-consumer-login-id:${foldLoginId(c.loginId)}`)),
    ...sessionRows.map((s) => `device-session:${s.hex}`),
  ];
}

/** The keyed client groups seen on this device (its claims and attempts): the clients support may unlock from here. */
export async function deviceClientKeys(db: Reader, deviceId: string): Promise<string[]> {
  const fromClaims = await db
    .selectDistinct({ key: claims.clientKey })
    .from(claims)
    .where(eq(claims.deviceId, deviceId));
  const fromAttempts = await db
    .selectDistinct({ key: attempts.clientKey })
    .from(attempts)
    .where(eq(attempts.deviceId, deviceId));
  const keys = [...fromClaims, ...fromAttempts].map((r) => r.key).filter((k): k is string => Boolean(k));
  return [...new Set(keys)].sort();
}

/** Every limiter counts a client under `<limiter>:<clientKey>`. */
const clientKeyPattern = (clientKey: string) => `%:${clientKey.replace(/[%_\\]/g, (c) => `\\${c}`)}`;

export interface LockRow {
  key: string;
  points: number;
  expire: Date | null;
  scope: "device" | `client:${string}`;
}

/** The device's counters and its clients' counters as they stand (the page's "locks" section). */
export async function listDeviceLocks(db: Reader, deviceId: string): Promise<LockRow[]> {
  const keys = await deviceKeys(db, deviceId);
  const clients = await deviceClientKeys(db, deviceId);
  const rows = await db
    .select()
    .from(rateLimits)
    .where(
      or(inArray(rateLimits.key, keys), ...clients.map((c) => like(rateLimits.key, clientKeyPattern(c)))),
    );
  return rows.map((row) => ({
    key: row.key,
    points: row.points,
    expire: row.expire,
    scope: keys.includes(row.key)
      ? "device"
      : (`client:${clients.find((c) => row.key.endsWith(`:${c}`)) ?? ""}` as const),
  }));
}

/**
 * Support: clears the rate-limit counters of the device, or of one client seen on it, in the action's transaction
 * (deleting the limiter's rows is what its own reset does). A client key not seen on this device is refused.
 */
export async function unlock(
  ctx: StaffActionContext,
  input: { deviceId: string; scope: string; reason: string },
): Promise<{ serial: string; cleared: number }> {
  const device = await lockDevice(ctx.db, input.deviceId);
  const before = await listDeviceLocks(ctx.db, device.id);
  let condition;
  if (input.scope === "device") {
    condition = inArray(rateLimits.key, await deviceKeys(ctx.db, device.id));
  } else {
    const clientKey = input.scope.slice("client:".length);
    if (!(await deviceClientKeys(ctx.db, device.id)).includes(clientKey)) {
      throw new StaffActionError("That client has not been seen on this device.", "scope");
    }
    condition = like(rateLimits.key, clientKeyPattern(clientKey));
  }
  const cleared = await ctx.db.delete(rateLimits).where(condition).returning({ key: rateLimits.key });
  const clearedKeys = new Set(cleared.map((row) => row.key));
  await ctx.audit({
    action: "device.unlocked",
    reason: input.reason,
    deviceId: device.id,
    old: {
      locks: before.filter((l) => clearedKeys.has(l.key)).map((l) => ({ key: l.key, points: l.points })),
    },
    new: { locks: [] },
    details: { scope: input.scope },
  });
  return { serial: device.serial, cleared: cleared.length };
}
