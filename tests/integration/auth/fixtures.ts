import { writeAudit } from "@/lib/auth/audit";
import { createStaff } from "@/lib/auth/staff-accounts";
import type { StaffIdentity } from "@/lib/auth/staff-session";
import type { Database } from "@/lib/db/client";
import type { StaffRole } from "@/lib/db/schema/staff";
import type { Clock } from "@/lib/security/clock";

/** A staff account made the way the CLI makes one, as `system`. */
export async function addStaff(
  db: Database,
  clock: Clock,
  username: string,
  role: StaffRole,
  password = `pw-${username}-long-enough`,
): Promise<StaffIdentity & { password: string }> {
  const { staff } = await db.transaction((tx) =>
    createStaff(
      {
        db: tx,
        clock,
        actor: "system",
        audit: (entry) => writeAudit(tx, clock.now(), { ...entry, actor: "system" }),
      },
      { username, displayName: `${username} name`, role, password, reason: "test fixture" },
    ),
  );
  return {
    id: staff.id,
    username: staff.username,
    displayName: staff.displayName,
    role: staff.role,
    password,
  };
}
