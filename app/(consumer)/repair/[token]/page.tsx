import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { getPasswordRule } from "@/lib/onboarding";
import { systemClock } from "@/lib/security/clock";
import { viewRepairLink } from "@/lib/support/repair-links";
import { linkTokenSchema } from "@/lib/support/schemas";
import { RepairLinkFlow } from "./repair-link-flow";

// The token in the path is a capability: never sent on as a referrer, never cached.
export const metadata: Metadata = { title: "Set up your device again", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** A support-issued link. Opening it (this GET) shows what it is for and spends nothing. */
export default async function RepairLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = linkTokenSchema.safeParse(token).success
    ? await viewRepairLink(await getDb(), token, systemClock.now())
    : null;
  if (!view) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">This link cannot be used</h1>
        <p className="text-slate-700">
          It has expired, has already been used, or no longer applies to this device. Please ask support for a
          new one.
        </p>
      </div>
    );
  }
  return <RepairLinkFlow token={token} view={view} rule={getPasswordRule()} />;
}
