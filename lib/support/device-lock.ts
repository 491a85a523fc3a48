import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/auth/audit";
import { StaffActionError } from "@/lib/auth/errors";
import { claims, devices, type Claim, type Device } from "@/lib/db/schema";

/**
 * Re-authorises the device id an action received: the row exists, and is locked for the rest of the action's
 * transaction (the order the device API locks in), so a redemption cannot interleave with the change.
 */
export async function lockDevice(tx: Tx, deviceId: string): Promise<Device> {
  const [device] = await tx.select().from(devices).where(eq(devices.id, deviceId)).for("update");
  if (!device) throw new StaffActionError("There is no such device.");
  return device;
}

/** The claim that owns the device; an action that needs an owner refuses an unowned device in words. */
export async function ownerClaimOf(tx: Tx, device: Device, action: string): Promise<Claim> {
  const [claim] = device.ownerClaimId
    ? await tx.select().from(claims).where(eq(claims.id, device.ownerClaimId))
    : [];
  if (!claim || claim.state !== "owner") {
    throw new StaffActionError(`This device has no owner, so there is nobody to ${action}.`);
  }
  return claim;
}
