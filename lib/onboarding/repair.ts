import "server-only";
import { runStep, startAttempt, typedCodeHmac, attachDevice } from "./attempts";
import { findClaim } from "./claim-records";
import { proveClaimPassword, ticketForClaim } from "./claim-ticket";
import { foldLoginId } from "./consumer-login";
import type { PairingTicket, RepairInput } from "./contract";
import type { OnboardingDeps } from "./deps";
import { deviceForCode } from "./device-code";
import { UnknownCode, WrongCredentials } from "./errors";
import { setupLimits, take, takeAll } from "./limits";

const NOT_THE_OWNER = "This username and password do not match this device's owner.";

/**
 * "Already set up" (factory reset, new phone): the box code and the current owner's username and password give a
 * new pairing session on the owner's claim. The password is tried only when the username is the owner's, so a
 * stranger's guesses never count against anyone's Medium One login.
 */
export async function repairDevice(deps: OnboardingDeps, input: RepairInput): Promise<PairingTicket> {
  const limits = setupLimits(deps);
  const attempt = await startAttempt(deps.db, {
    codeHmac: typedCodeHmac(deps, input.code),
    deviceId: null,
    clientKey: deps.clientKey,
    step: "repair",
    outcome: "started",
    now: deps.clock.now(),
  });
  return runStep(deps, attempt, "repair", async () => {
    await take(limits.repairPerClient, deps.clientKey);
    const refund = await takeAll([
      [limits.unknownCodePerClient, deps.clientKey],
      [limits.unknownCodeGlobal, "all"],
    ]);
    const device = await deviceForCode(deps, input.code);
    if (!device) throw new UnknownCode();
    await refund();
    await attachDevice(deps.db, attempt.id, device.id);
    const owner = device.ownerClaimId ? await findClaim(deps.db, device.ownerClaimId) : null;
    if (!owner || owner.state !== "owner" || foldLoginId(owner.loginId) !== foldLoginId(input.loginId)) {
      throw new WrongCredentials(NOT_THE_OWNER);
    }
    const user = await proveClaimPassword(deps, limits, owner, input.password, NOT_THE_OWNER);
    const ticket = await ticketForClaim(deps, owner, user, input.password, attempt.supportCode);
    return { outcome: "session_issued", result: ticket };
  });
}
