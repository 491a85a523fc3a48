"use server";

import { headers } from "next/headers";
import { getPasswordRule, onboardingDepsFor, runAction } from "@/lib/onboarding";
import type { ActionResult, PairingTicket } from "@/lib/onboarding/contract";
import { repairWithLink, resetPasswordWithLink } from "@/lib/support/link-use";
import { passwordResetSchema, repairWithLinkSchema } from "@/lib/support/schemas";

// Using a link (POST) spends it; opening its page (GET) never does, so a link scanner cannot burn it.

export async function repairWithLinkAction(
  input: unknown,
): Promise<ActionResult<PairingTicket, "token" | "password">> {
  return runAction(repairWithLinkSchema, input, async (parsed) =>
    repairWithLink(await onboardingDepsFor(await headers()), parsed),
  );
}

export async function resetPasswordWithLinkAction(
  input: unknown,
): Promise<ActionResult<PairingTicket, "token" | "password" | "confirmPassword">> {
  return runAction(passwordResetSchema(getPasswordRule()), input, async (parsed) =>
    resetPasswordWithLink(await onboardingDepsFor(await headers()), parsed),
  );
}
