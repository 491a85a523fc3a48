import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { StaffActionContext } from "@/lib/auth/staff-action";
import type { Database } from "@/lib/db/client";
import {
  claims,
  devices,
  repairLinks,
  type Claim,
  type Device,
  type RepairLink,
  type RepairLinkKind,
} from "@/lib/db/schema";
import { HOUR } from "@/lib/security/clock";
import { lockDevice, ownerClaimOf } from "./device-lock";
import { LinkUnusable } from "./errors";
import { linkTokenHash, newLinkToken, repairLinkUrl } from "./link-token";

export const REPAIR_LINK_LIFETIME_MS = 24 * HOUR;

const ISSUED_ACTION: Record<RepairLinkKind, string> = {
  repair: "device.repair_link_issued",
  password_reset: "device.password_reset_link_issued",
};

/**
 * Issues a single-use link for the device's current owner, inside the staff action's transaction with its audit
 * event. The token exists only in the returned URL, shown once to the staff member.
 */
export async function issueRepairLink(
  ctx: StaffActionContext,
  input: { deviceId: string; reason: string; kind: RepairLinkKind; publicBaseUrl: string },
): Promise<{ url: string; expiresAt: string; loginId: string }> {
  const device = await lockDevice(ctx.db, input.deviceId);
  const owner = await ownerClaimOf(ctx.db, device, "send a link to");
  const token = newLinkToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + REPAIR_LINK_LIFETIME_MS);
  const [link] = await ctx.db
    .insert(repairLinks)
    .values({
      deviceId: device.id,
      claimId: owner.id,
      tokenHash: linkTokenHash(token),
      kind: input.kind,
      createdBy: ctx.staff.id,
      createdAt: now,
      expiresAt,
    })
    .returning({ id: repairLinks.id });
  await ctx.audit({
    action: ISSUED_ACTION[input.kind],
    reason: input.reason,
    deviceId: device.id,
    old: null,
    new: { linkId: link!.id, kind: input.kind, loginId: owner.loginId, expiresAt: expiresAt.toISOString() },
  });
  return {
    url: repairLinkUrl(input.publicBaseUrl, token),
    expiresAt: expiresAt.toISOString(),
    loginId: owner.loginId,
  };
}

export interface UsableLink {
  link: RepairLink;
  device: Device;
  claim: Claim;
}

/**
 * The link a token names, if it can still be used: not spent, not expired, and its claim still owns an active
 * device. Reading never spends it (a GET, a link scanner's visit, changes nothing).
 */
export async function findUsableLink(db: Database, token: string, now: Date): Promise<UsableLink | null> {
  const [row] = await db
    .select({ link: repairLinks, device: devices, claim: claims })
    .from(repairLinks)
    .innerJoin(devices, eq(devices.id, repairLinks.deviceId))
    .innerJoin(claims, eq(claims.id, repairLinks.claimId))
    .where(eq(repairLinks.tokenHash, linkTokenHash(token)));
  if (!row) return null;
  const { link, device, claim } = row;
  const usable =
    link.usedAt === null &&
    link.expiresAt > now &&
    device.status === "active" &&
    device.ownerClaimId === claim.id &&
    claim.state === "owner";
  return usable ? row : null;
}

/** What the link's page shows before it is used: nothing secret. */
export interface RepairLinkView {
  kind: RepairLinkKind;
  serial: string;
  model: string;
  loginId: string;
  expiresAt: string;
}

export async function viewRepairLink(db: Database, token: string, now: Date): Promise<RepairLinkView | null> {
  const found = await findUsableLink(db, token, now);
  if (!found) return null;
  return {
    kind: found.link.kind,
    serial: found.device.serial,
    model: found.device.model,
    loginId: found.claim.loginId,
    expiresAt: found.link.expiresAt.toISOString(),
  };
}

/** Spends the link, once: of two concurrent uses, one wins and the other is told the link is used. */
export async function spendLink(db: Database, linkId: string, now: Date): Promise<void> {
  const spent = await db
    .update(repairLinks)
    .set({ usedAt: now })
    .where(and(eq(repairLinks.id, linkId), isNull(repairLinks.usedAt)))
    .returning({ id: repairLinks.id });
  if (spent.length === 0) throw new LinkUnusable();
}

/** Gives a spent link back when nothing came of its use (Medium One did not answer), so it can be tried again. */
export async function unspendLink(db: Database, linkId: string): Promise<void> {
  await db.update(repairLinks).set({ usedAt: null }).where(eq(repairLinks.id, linkId));
}
