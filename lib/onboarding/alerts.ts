import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { auditEvents, claims } from "@/lib/db/schema";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export const MULTIPLE_CLIENTS_ALERT = "alert.multiple_clients";

/**
 * A device with pending claims from several clients may be a resold or photographed box: support should look.
 * Raised when a claim from a client new to the device joins others (not on every claim), in the claim's
 * transaction, so the alert and the claim are recorded together.
 */
export async function raiseMultipleClientAlert(
  tx: Tx,
  deviceId: string,
  clientKey: string,
  now: Date,
): Promise<void> {
  const pending = and(eq(claims.deviceId, deviceId), eq(claims.state, "pending"));
  const [mine] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(claims)
    .where(and(pending, eq(claims.clientKey, clientKey)));
  // Our own claim was just inserted: more than one means this client was already here.
  if ((mine?.n ?? 0) > 1) return;
  const [others] = await tx
    .select({ n: sql<number>`count(distinct ${claims.clientKey})::int` })
    .from(claims)
    .where(and(pending, ne(claims.clientKey, clientKey)));
  const otherClients = others?.n ?? 0;
  if (otherClients === 0) return;
  await tx.insert(auditEvents).values({
    at: now,
    actor: "system",
    action: MULTIPLE_CLIENTS_ALERT,
    deviceId,
    details: { clients: otherClients + 1 },
  });
}
