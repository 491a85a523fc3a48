import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { writeAudit } from "@/lib/auth/audit";
import type { Database } from "@/lib/db/client";
import { claims, repairLinks } from "@/lib/db/schema";
import type { MediumOneClient } from "@/lib/medium-one/client";
import type { Redemption } from "@/lib/pairing/device-api";
import type { Clock } from "@/lib/security/clock";
import { openHeldPassword } from "./held-password";

export interface HeldPasswordDeps {
  db: Database;
  clock: Clock;
  mediumOne: MediumOneClient;
  dataEncryptionKey: string;
}

/**
 * The device redeemed a session: if a support password reset is waiting on that session, Medium One now gets the
 * new password (business account), and the held ciphertext is deleted. Runs before the device receives its
 * bundle, so the device never holds a password Medium One does not know yet; a failure makes the device redeem
 * again, and this runs again. Idempotent: a second redemption finds nothing held.
 */
export async function applyHeldPassword(deps: HeldPasswordDeps, redemption: Redemption): Promise<void> {
  const [held] = await deps.db
    .select({ link: repairLinks, loginId: claims.loginId })
    .from(repairLinks)
    .innerJoin(claims, eq(claims.id, repairLinks.claimId))
    .where(and(eq(repairLinks.pairingSessionId, redemption.sessionId), isNotNull(repairLinks.heldPassword)));
  if (!held?.link.heldPassword) return;
  const password = openHeldPassword(deps.dataEncryptionKey, held.link.id, held.link.heldPassword);
  await deps.mediumOne.account.patchUser(held.loginId, { password });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const cleared = await tx
      .update(repairLinks)
      .set({ heldPassword: null, passwordAppliedAt: now })
      .where(and(eq(repairLinks.id, held.link.id), isNotNull(repairLinks.heldPassword)))
      .returning({ id: repairLinks.id });
    if (cleared.length === 0) return;
    await writeAudit(tx, now, {
      actor: "system",
      action: "device.password_changed",
      deviceId: redemption.deviceId,
      details: { linkId: held.link.id, sessionId: redemption.sessionId, claimId: redemption.claimId },
    });
  });
}
