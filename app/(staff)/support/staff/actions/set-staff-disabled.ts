"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { setStaffDisabled } from "@/lib/auth/staff-accounts";
import { setStaffDisabledSchema } from "@/lib/auth/staff-schemas";
import { STAFF_PAGE } from "../paths";

/** Admin: disable an account (its sessions end on their next request) or enable it again. */
export const setStaffMemberDisabled = staffAction(
  "staff.manage",
  setStaffDisabledSchema,
  async (ctx, input) => {
    const staff = await setStaffDisabled({ ...ctx, actingStaffId: ctx.staff.id }, input);
    ctx.afterCommit(async () => revalidatePath(STAFF_PAGE));
    return { username: staff.username, disabled: staff.disabled };
  },
);
