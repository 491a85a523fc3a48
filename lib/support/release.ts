import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { writeAudit } from "@/lib/auth/audit";
import type { StaffActionContext } from "@/lib/auth/staff-action";
import { claims, devices, usernameReservations } from "@/lib/db/schema";
import { NotFound } from "@/lib/medium-one/errors";
import type { MediumOneClient } from "@/lib/medium-one/client";
import { lockDevice, ownerClaimOf } from "./device-lock";
import { cancelOpenSessions } from "./revoke-pairings";
import type { OwnerUserChoice } from "./schemas";

/** What becomes of the released owner's Medium One user. */
export type OwnerUserOutcome = "disable" | "delete" | "portal";

/** Whether the configured account can carry out the choice; otherwise an operator does it in Medium One's portal. */
export function ownerUserOutcome(mediumOne: MediumOneClient, choice: OwnerUserChoice): OwnerUserOutcome {
  const operation = choice === "disable" ? "patchUser" : "deleteUser";
  return mediumOne.account.can(operation) ? choice : "portal";
}

/**
 * Admin: the device becomes claimable by a new owner. In the action's transaction: the owner claim is released,
 * the device's owner cleared (its owner epoch bumped, so nothing of the old ownership can be redeemed), open
 * sessions cancelled, the username reservation released; history stays. After the commit, the owner's Medium One
 * user is disabled or deleted where the account allows it, or listed for the portal.
 */
export async function releaseDevice(
  ctx: StaffActionContext,
  input: { deviceId: string; reason: string; ownerUser: OwnerUserChoice },
  mediumOne: MediumOneClient,
): Promise<{ serial: string; loginId: string; ownerUser: OwnerUserOutcome }> {
  const device = await lockDevice(ctx.db, input.deviceId);
  const owner = await ownerClaimOf(ctx.db, device, "release");
  const now = ctx.clock.now();
  const [updated] = await ctx.db
    .update(devices)
    .set({ ownerClaimId: null, ownerEpoch: sql`${devices.ownerEpoch} + 1`, updatedAt: now })
    .where(eq(devices.id, device.id))
    .returning({ ownerEpoch: devices.ownerEpoch });
  await ctx.db
    .update(claims)
    .set({ state: "released", endedAt: now, endReason: "released_by_support" })
    .where(eq(claims.id, owner.id));
  await ctx.db
    .update(usernameReservations)
    .set({ state: "released", releasedAt: now, releaseReason: "device_released" })
    .where(and(eq(usernameReservations.claimId, owner.id), eq(usernameReservations.state, "held")));
  const cancelled = await cancelOpenSessions(ctx.db, device.id, now, "released");
  const outcome = ownerUserOutcome(mediumOne, input.ownerUser);
  await ctx.audit({
    action: "device.released",
    reason: input.reason,
    deviceId: device.id,
    old: {
      ownerClaimId: owner.id,
      loginId: owner.loginId,
      ownerEpoch: device.ownerEpoch,
      claimState: "owner",
    },
    new: { ownerClaimId: null, ownerEpoch: updated!.ownerEpoch, claimState: "released" },
    details: { cancelledSessions: cancelled, ownerUser: outcome },
  });
  ctx.afterCommit(async (db) => {
    const result = await disposeOwnerUser(mediumOne, owner.loginId, outcome);
    await writeAudit(db, ctx.clock.now(), {
      actor: ctx.actor,
      action: `device.owner_user_${result}`,
      deviceId: device.id,
      details: { claimId: owner.id, loginId: owner.loginId },
    });
  });
  return { serial: device.serial, loginId: owner.loginId, ownerUser: outcome };
}

/** Carries out the choice at Medium One; what happened becomes an audit event on the device. */
async function disposeOwnerUser(
  mediumOne: MediumOneClient,
  loginId: string,
  outcome: OwnerUserOutcome,
): Promise<"disabled" | "deleted" | "not_found" | "listed_for_portal" | "failed"> {
  if (outcome === "portal") return "listed_for_portal";
  try {
    if (outcome === "disable") await mediumOne.account.patchUser(loginId, { disabled: true });
    else await mediumOne.account.deleteUser(loginId);
    return outcome === "disable" ? "disabled" : "deleted";
  } catch (error) {
    if (error instanceof NotFound) return "not_found";
    console.error("release: Medium One user change failed", error instanceof Error ? error.name : "unknown");
    return "failed";
  }
}
