import "server-only";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { StaffActionContext } from "@/lib/auth/staff-action";
import { pairingSessions, repairLinks } from "@/lib/db/schema";
import type { Tx } from "@/lib/auth/audit";
import { lockDevice } from "./device-lock";

/** Cancels every outstanding (created or scanned) session of a device; the device API then answers unknown_session. */
export async function cancelOpenSessions(
  tx: Tx,
  deviceId: string,
  now: Date,
  reason: string,
): Promise<string[]> {
  const cancelled = await tx
    .update(pairingSessions)
    .set({ stage: "cancelled", cancelledAt: now, cancelReason: reason })
    .where(
      and(eq(pairingSessions.deviceId, deviceId), inArray(pairingSessions.stage, ["created", "scanned"])),
    )
    .returning({ id: pairingSessions.id });
  // A password held for a session that can no longer be redeemed would never be used: delete it now.
  await tx
    .update(repairLinks)
    .set({ heldPassword: null })
    .where(and(eq(repairLinks.deviceId, deviceId), isNotNull(repairLinks.heldPassword)));
  return cancelled.map((row) => row.id);
}

/** Support: every outstanding pairing session of the device stops at once. */
export async function revokePairings(
  ctx: StaffActionContext,
  input: { deviceId: string; reason: string },
): Promise<{ serial: string; cancelled: number }> {
  const device = await lockDevice(ctx.db, input.deviceId);
  const cancelled = await cancelOpenSessions(ctx.db, device.id, ctx.clock.now(), "revoked");
  await ctx.audit({
    action: "device.pairings_revoked",
    reason: input.reason,
    deviceId: device.id,
    old: { openSessions: cancelled },
    new: { openSessions: [] },
  });
  return { serial: device.serial, cancelled: cancelled.length };
}
