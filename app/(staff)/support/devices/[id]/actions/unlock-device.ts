"use server";
import { staffAction } from "@/lib/auth/staff-action";
import { unlock } from "@/lib/support/locks";
import { unlockSchema } from "@/lib/support/schemas";
import { revalidateDevice } from "./revalidate";

/** Support: clears the rate limits and budgets of the device, or of one client seen on it. */
export const unlockDevice = staffAction("device.unlock", unlockSchema, async (ctx, input) => {
  const result = await unlock(ctx, input);
  revalidateDevice(ctx, input.deviceId);
  return result;
});
