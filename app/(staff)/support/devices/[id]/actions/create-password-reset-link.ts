"use server";
import { StaffActionError } from "@/lib/auth/errors";
import { staffAction } from "@/lib/auth/staff-action";
import { issueRepairLink } from "@/lib/support/repair-links";
import { supportRuntime } from "@/lib/support/runtime";
import { deviceActionSchema, PASSWORD_RESET_NEEDS_BUSINESS } from "@/lib/support/schemas";
import { revalidateDevice } from "./revalidate";

/** Support: a single-use link where the owner chooses a new password; business account only. */
export const createPasswordResetLink = staffAction(
  "device.password_reset_link",
  deviceActionSchema,
  async (ctx, input) => {
    const { config, mediumOne } = await supportRuntime();
    if (!mediumOne.account.can("patchUser")) throw new StaffActionError(PASSWORD_RESET_NEEDS_BUSINESS);
    const link = await issueRepairLink(ctx, {
      ...input,
      kind: "password_reset",
      publicBaseUrl: config.publicBaseUrl,
    });
    revalidateDevice(ctx, input.deviceId);
    return link;
  },
);
