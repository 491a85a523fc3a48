import type { Metadata } from "next";
import { connection } from "next/server";
import { getPasswordRule } from "@/lib/onboarding";
import { SetupEntry } from "../setup/setup-entry";

export const metadata: Metadata = { title: "Set up your device" };

/**
 * The box label's link, https://HOST/s#CODE. The code is in the fragment, which browsers never send: the client
 * reads it, removes it from the address bar and starts the setup with it.
 */
export default async function BoxLabelPage() {
  // Per request, never at build time: the rule comes from the runtime configuration.
  await connection();
  return <SetupEntry rule={getPasswordRule()} readCodeFromFragment />;
}
