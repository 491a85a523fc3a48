import "server-only";
import { runStep } from "./attempts";
import { findHolder } from "./claim-records";
import { foldLoginId } from "./consumer-login";
import type { UsernameAvailability, UsernameCheckInput } from "./contract";
import type { OnboardingDeps } from "./deps";
import { verifyAttempt } from "./device-code";
import { setupLimits, take } from "./limits";
import { isServiceAccount } from "./service-accounts";

/**
 * Whether a username is free, asked only after a valid code step and only of our own reservations (never of
 * Medium One: that would let anyone probe its user list). A username held by a pending claim of this same device
 * counts as free, because the claim step continues that claim when given its password.
 */
export async function checkUsername(
  deps: OnboardingDeps,
  input: UsernameCheckInput,
): Promise<UsernameAvailability> {
  const { attempt, device } = await verifyAttempt(deps, input.attemptId, input.code);
  return runStep(deps, attempt, "username", async () => {
    await take(setupLimits(deps).usernameCheckPerClient, deps.clientKey);
    const folded = foldLoginId(input.loginId);
    const holder = isServiceAccount(deps, folded) ? "service" : await findHolder(deps.db, folded);
    const available =
      holder === null ||
      (holder !== "service" && holder.deviceId === device.id && holder.state === "pending");
    return { outcome: available ? "username_free" : "username_taken", result: { available } };
  });
}
