import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { verifyStaff } from "@/lib/auth/dal";
import { safeCallbackPath } from "@/lib/auth/paths";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Staff sign-in" };

/**
 * The console's sign-in page. A signed-in staff member is sent on at once: to the page they asked for, or to
 * their role's landing page (admins: Staff, support: Search). The form reloads this page after signing in.
 */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : undefined;
  const staff = await verifyStaff();
  if (staff) redirect(safeCallbackPath(callbackUrl, staff.role));
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10">
      <h1 className="text-3xl font-bold">Staff sign-in</h1>
      <p className="text-slate-700">For Onboard support staff. Consumers do not need an account.</p>
      <SignInForm initialError={typeof params.error === "string" ? params.error : undefined} />
    </main>
  );
}
