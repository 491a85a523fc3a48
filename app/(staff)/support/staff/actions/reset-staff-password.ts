"use server";
import { revalidatePath } from "next/cache";
import { getConfig } from "@/lib/config";
import { clearUsernameLimit } from "@/lib/auth/sign-in-limits";
import { staffAction } from "@/lib/auth/staff-action";
import { resetStaffPassword } from "@/lib/auth/staff-accounts";
import { resetStaffPasswordSchema } from "@/lib/auth/staff-schemas";
import { STAFF_PAGE } from "../paths";

/**
 * Admin: a new password for an account (given, or generated and returned once). Ends its sessions and lifts a
 * sign-in lockout.
 */
export const resetStaffMemberPassword = staffAction(
  "staff.manage",
  resetStaffPasswordSchema,
  async (ctx, input) => {
    const outcome = await resetStaffPassword({ ...ctx, actingStaffId: ctx.staff.id }, input);
    ctx.afterCommit(async (db) => {
      await clearUsernameLimit(db, getConfig().secrets.authSecret, outcome.staff.username);
      revalidatePath(STAFF_PAGE);
    });
    return { username: outcome.staff.username, generatedPassword: outcome.generatedPassword };
  },
);
