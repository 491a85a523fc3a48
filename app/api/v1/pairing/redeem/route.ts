import { getConfig } from "@/lib/config";
import { getMediumOneClient } from "@/lib/medium-one";
import { getDb } from "@/lib/db";
import { deviceRoute } from "@/lib/pairing/app-device-route";
import { systemClock } from "@/lib/security/clock";
import { applyHeldPassword } from "@/lib/support/held-password-apply";

export const dynamic = "force-dynamic";
// A support password reset reaches Medium One only when the device itself redeems (design §1, support console).
export const POST = deviceRoute("redeem", {
  afterRedeem: async (redemption) =>
    applyHeldPassword(
      {
        db: await getDb(),
        clock: systemClock,
        mediumOne: getMediumOneClient(),
        dataEncryptionKey: getConfig().secrets.dataEncryptionKey,
      },
      redemption,
    ),
});
