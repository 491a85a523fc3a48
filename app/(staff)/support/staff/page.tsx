import type { Metadata } from "next";
import { requireStaffPermission } from "@/lib/auth/dal";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { authRuntime } from "@/lib/auth/runtime";
import { listStaff, type StaffSummary } from "@/lib/auth/staff-users";
import { CreateStaffForm } from "./create-staff-form";
import { StaffMemberActions } from "./staff-member-actions";

export const metadata: Metadata = { title: "Staff" };

const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function status(member: StaffSummary, now: Date): string {
  if (member.disabled) return "Disabled";
  if (member.lockedUntil && member.lockedUntil > now)
    return `Locked until ${dateTime.format(member.lockedUntil)} UTC`;
  return "Active";
}

/** Admin only: every staff account, with its actions; each change asks for a reason and is audited. */
export default async function StaffPage() {
  const me = await requireStaffPermission("staff.manage");
  const { db, clock } = await authRuntime();
  const members = await listStaff(db);
  const now = clock.now();
  return (
    <main id="main" className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-4 py-8">
      <h1 className="text-3xl font-bold">Staff</h1>
      <section aria-labelledby="members-heading" className="flex flex-col gap-4">
        <h2 id="members-heading" className="text-2xl font-bold">
          Staff members
        </h2>
        <ul className="flex flex-col gap-4">
          {members.map((member) => (
            <li key={member.id} className="flex flex-col gap-3 rounded-lg border-2 border-slate-300 p-4">
              <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
                <h3 className="text-xl font-semibold">{member.displayName}</h3>
                <p className="text-slate-700">
                  {member.username} · {ROLE_LABELS[member.role]} · {status(member, now)}
                </p>
                <p className="text-sm text-slate-600">
                  Last sign-in:{" "}
                  {member.lastSignInAt ? `${dateTime.format(member.lastSignInAt)} UTC` : "never"}
                </p>
              </div>
              {member.id === me.id ? (
                <p className="text-sm text-slate-600">
                  This is you. Another admin can change your role or access.
                </p>
              ) : (
                <StaffMemberActions
                  staffId={member.id}
                  username={member.username}
                  role={member.role}
                  disabled={member.disabled}
                />
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="create-heading" className="flex max-w-xl flex-col gap-4">
        <h2 id="create-heading" className="text-2xl font-bold">
          Add a staff member
        </h2>
        <CreateStaffForm />
      </section>
    </main>
  );
}
