"use server";
import { staffAction } from "@/lib/auth/staff-action";
import { issueRepairLink } from "@/lib/support/repair-links";
import { supportRuntime } from "@/lib/support/runtime";
import { deviceActionSchema } from "@/lib/support/schemas";
import { revalidateDevice } from "./revalidate";

/** Support: a single-use, 24-hour re-pair link for the device's owner, shown once. */
export const createRepairLink = staffAction("device.repair_link", deviceActionSchema, async (ctx, input) => {
  const { config } = await supportRuntime();
  const link = await issueRepairLink(ctx, { ...input, kind: "repair", publicBaseUrl: config.publicBaseUrl });
  revalidateDevice(ctx, input.deviceId);
  return link;
});
