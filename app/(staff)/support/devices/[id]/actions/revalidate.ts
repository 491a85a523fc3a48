import "server-only";
import { revalidatePath } from "next/cache";
import type { StaffActionContext } from "@/lib/auth/staff-action";

/** After the action commits, the device page shows the change. */
export function revalidateDevice(ctx: StaffActionContext, deviceId: string): void {
  ctx.afterCommit(async () => revalidatePath(`/support/devices/${deviceId}`));
}
