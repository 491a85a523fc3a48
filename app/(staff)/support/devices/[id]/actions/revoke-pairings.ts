"use server";
import { staffAction } from "@/lib/auth/staff-action";
import { revokePairings as revoke } from "@/lib/support/revoke-pairings";
import { deviceActionSchema } from "@/lib/support/schemas";
import { revalidateDevice } from "./revalidate";

/** Support: every outstanding pairing session of the device stops at once. */
export const revokePairings = staffAction(
  "device.revoke_pairings",
  deviceActionSchema,
  async (ctx, input) => {
    const result = await revoke(ctx, input);
    revalidateDevice(ctx, input.deviceId);
    return result;
  },
);
