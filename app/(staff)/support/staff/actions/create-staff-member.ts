"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { createStaff } from "@/lib/auth/staff-accounts";
import { createStaffSchema } from "@/lib/auth/staff-schemas";
import { STAFF_PAGE } from "../paths";

/** Admin: add a staff account; a generated password is returned once, for the admin to hand over. */
export const createStaffMember = staffAction("staff.manage", createStaffSchema, async (ctx, input) => {
  const created = await createStaff({ ...ctx, actingStaffId: ctx.staff.id }, input);
  ctx.afterCommit(async () => revalidatePath(STAFF_PAGE));
  return { username: created.staff.username, generatedPassword: created.generatedPassword };
});
