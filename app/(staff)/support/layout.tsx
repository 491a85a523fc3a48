import Link from "next/link";
import { verifyStaff } from "@/lib/auth/dal";
import { can, ROLE_LABELS, type Permission } from "@/lib/auth/permissions";
import { SessionKeepAlive } from "./session-keep-alive";
import { SignOutButton } from "./sign-out-button";

/** The console's sections; a link shows only to roles that may open it (each page still checks for itself). */
const NAV: { href: string; label: string; permission: Permission }[] = [
  { href: "/support", label: "Search", permission: "device.search" },
  { href: "/support/alerts", label: "Alerts", permission: "alerts.read" },
  { href: "/support/audit", label: "Audit log", permission: "audit.read" },
  { href: "/support/staff", label: "Staff", permission: "staff.manage" },
];

/**
 * The console shell. It only decides what to show: pages, actions and route handlers authorise themselves through
 * lib/auth/dal.ts (style item 11), so this layout is no gate.
 */
export default async function SupportLayout({ children }: { children: React.ReactNode }) {
  const staff = await verifyStaff();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-300 bg-slate-50">
        <div className="mx-auto flex w-full max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <p className="font-bold text-brand-700">Onboard support</p>
          {staff ? (
            <>
              <nav aria-label="Console" className="flex flex-wrap gap-x-4">
                {NAV.filter((item) => can(staff.role, item.permission)).map((item) => (
                  <Link
                    key={item.href}
                    href={item.href}
                    className="inline-flex min-h-11 items-center font-medium text-brand-700 underline-offset-4 hover:underline"
                  >
                    {item.label}
                  </Link>
                ))}
              </nav>
              <div className="ml-auto flex items-center gap-3">
                <p className="text-sm text-slate-700">
                  <span className="font-semibold">{staff.displayName}</span> · {ROLE_LABELS[staff.role]}
                </p>
                <SignOutButton />
              </div>
              <SessionKeepAlive />
            </>
          ) : null}
        </div>
      </header>
      {children}
    </div>
  );
}
