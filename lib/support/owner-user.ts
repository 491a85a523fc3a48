import "server-only";
import type { MediumOneClient } from "@/lib/medium-one/client";
import { NotFound } from "@/lib/medium-one/errors";

export type LiveOwnerUser =
  | { state: "found"; disabled: boolean | null; hasMqttId: boolean }
  | { state: "not_found" }
  | { state: "cannot_read" }
  | { state: "unreachable" };

/** The owner's user as Medium One has it now, where the configured account may read users (business only). */
export async function liveOwnerUser(mediumOne: MediumOneClient, loginId: string): Promise<LiveOwnerUser> {
  if (!mediumOne.account.can("getUser")) return { state: "cannot_read" };
  try {
    const user = await mediumOne.account.getUser(loginId);
    return { state: "found", disabled: user.disabled, hasMqttId: user.mqttId !== null };
  } catch (error) {
    if (error instanceof NotFound) return { state: "not_found" };
    return { state: "unreachable" };
  }
}
