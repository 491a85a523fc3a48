import type { Metadata } from "next";
import { connection } from "next/server";
import { getPasswordRule } from "@/lib/onboarding";
import { SetupEntry } from "./setup-entry";

export const metadata: Metadata = { title: "Set up your device" };

/** Thin server page: the configured password rule goes to the form, so browser and server check the same one. */
export default async function SetupPage() {
  // Per request, never at build time: the rule comes from the runtime configuration.
  await connection();
  return <SetupEntry rule={getPasswordRule()} readCodeFromFragment={false} />;
}
