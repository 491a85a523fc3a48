"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { setStaffRole } from "@/lib/auth/staff-accounts";
import { setStaffRoleSchema } from "@/lib/auth/staff-schemas";
import { STAFF_PAGE } from "../paths";

/** Admin: change an account's role; it applies on the account's next request. */
export const setStaffMemberRole = staffAction("staff.manage", setStaffRoleSchema, async (ctx, input) => {
  const staff = await setStaffRole({ ...ctx, actingStaffId: ctx.staff.id }, input);
  ctx.afterCommit(async () => revalidatePath(STAFF_PAGE));
  return { username: staff.username, role: staff.role };
});
