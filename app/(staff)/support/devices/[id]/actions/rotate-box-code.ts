"use server";
import { staffAction } from "@/lib/auth/staff-action";
import { rotateBoxCode as rotate } from "@/lib/support/rotate-code";
import { supportRuntime } from "@/lib/support/runtime";
import { deviceActionSchema } from "@/lib/support/schemas";
import { revalidateDevice } from "./revalidate";

/** Admin: a new box code for a lost or leaked label; the old code stops working; the new one is shown once. */
export const rotateBoxCode = staffAction("device.rotate_code", deviceActionSchema, async (ctx, input) => {
  const { config } = await supportRuntime();
  const result = await rotate(ctx, input, {
    codeHmacKey: config.secrets.codeHmacKey,
    publicBaseUrl: config.publicBaseUrl,
  });
  revalidateDevice(ctx, input.deviceId);
  return result;
});
