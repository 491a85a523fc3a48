"use server";
import { staffAction } from "@/lib/auth/staff-action";
import { releaseDevice as release } from "@/lib/support/release";
import { supportRuntime } from "@/lib/support/runtime";
import { releaseSchema } from "@/lib/support/schemas";
import { revalidateDevice } from "./revalidate";

/** Admin: the device becomes claimable by a new owner; the owner's Medium One user as chosen (or the portal). */
export const releaseDevice = staffAction("device.release", releaseSchema, async (ctx, input) => {
  const { mediumOne } = await supportRuntime();
  const result = await release(ctx, input, mediumOne);
  revalidateDevice(ctx, input.deviceId);
  return result;
});
