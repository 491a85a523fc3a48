import type { Metadata } from "next";
import { getPasswordRule } from "@/lib/onboarding";
import { SetupEntry } from "./setup-entry";

export const metadata: Metadata = { title: "Set up your device" };

/** Thin server page: the configured password rule goes to the form, so browser and server check the same one. */
export default function SetupPage() {
  return <SetupEntry rule={getPasswordRule()} readCodeFromFragment={false} />;
}
