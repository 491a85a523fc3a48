"use server";

import { headers } from "next/headers";
import {
  claimSchema,
  codeStepSchema,
  renewSchema,
  repairSchema,
  usernameCheckSchema,
  type ActionResult,
  type CodeCheck,
  type PairingTicket,
  type UsernameAvailability,
} from "@/lib/onboarding/contract";
import {
  checkUsername,
  claimDevice,
  getPasswordRule,
  onboardingDepsFor,
  renewPairing,
  repairDevice,
  runAction,
  startSetup,
} from "@/lib/onboarding";

// Each action is a public endpoint: its input is parsed again here with the form's own schema, and only
// messages written for consumers (or a generic one with the support code) come back.

const deps = async () => onboardingDepsFor(await headers());

export async function checkCodeAction(input: unknown): Promise<ActionResult<CodeCheck, "code">> {
  return runAction(codeStepSchema, input, async (parsed) => startSetup(await deps(), parsed));
}

export async function checkUsernameAction(
  input: unknown,
): Promise<ActionResult<UsernameAvailability, "attemptId" | "code" | "loginId">> {
  return runAction(usernameCheckSchema, input, async (parsed) => checkUsername(await deps(), parsed));
}

export async function claimAction(
  input: unknown,
): Promise<
  ActionResult<
    PairingTicket,
    "attemptId" | "code" | "loginId" | "password" | "confirmPassword" | "acceptTerms" | "termsVersion"
  >
> {
  return runAction(claimSchema(getPasswordRule()), input, async (parsed) =>
    claimDevice(await deps(), parsed),
  );
}

export async function renewAction(
  input: unknown,
): Promise<ActionResult<PairingTicket, "claimId" | "password">> {
  return runAction(renewSchema, input, async (parsed) => renewPairing(await deps(), parsed));
}

export async function repairAction(
  input: unknown,
): Promise<ActionResult<PairingTicket, "code" | "loginId" | "password">> {
  return runAction(repairSchema, input, async (parsed) => repairDevice(await deps(), parsed));
}
