import "server-only";
import { runStep } from "./attempts";
import { findClaim } from "./claim-records";
import { proveClaimPassword, ticketForClaim } from "./claim-ticket";
import { foldLoginId } from "./consumer-login";
import type { PairingTicket, RepairInput } from "./contract";
import type { OnboardingDeps } from "./deps";
import { deviceForAttemptCode, startCodeAttempt } from "./device-code";
import { WrongCredentials } from "./errors";
import { setupLimits, take } from "./limits";

const NOT_THE_OWNER = "This username and password do not match this device's owner.";

/**
 * "Already set up" (factory reset, new phone): the box code and the current owner's username and password give a
 * new pairing session on the owner's claim. The password is tried only when the username is the owner's, so a
 * stranger's guesses never count against anyone's Medium One login.
 */
export async function repairDevice(deps: OnboardingDeps, input: RepairInput): Promise<PairingTicket> {
  const limits = setupLimits(deps);
  const attempt = await startCodeAttempt(deps, input.code, "repair");
  return runStep(deps, attempt, "repair", async () => {
    await take(limits.repairPerClient, deps.clientKey);
    const device = await deviceForAttemptCode(deps, limits, attempt, input.code);
    const owner = device.ownerClaimId ? await findClaim(deps.db, device.ownerClaimId) : null;
    if (!owner || owner.state !== "owner" || foldLoginId(owner.loginId) !== foldLoginId(input.loginId)) {
      throw new WrongCredentials(NOT_THE_OWNER);
    }
    const user = await proveClaimPassword(deps, limits, owner, input.password, NOT_THE_OWNER);
    const ticket = await ticketForClaim(deps, owner, user, input.password, attempt.supportCode);
    return { outcome: "session_issued", result: ticket };
  });
}
