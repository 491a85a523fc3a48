import "server-only";
import type { CodeCheck, CodeStepInput } from "./contract";
import { attachDevice, runStep, startAttempt, typedCodeHmac } from "./attempts";
import type { OnboardingDeps } from "./deps";
import { deviceForCode } from "./device-code";
import { UnknownCode } from "./errors";
import { setupLimits, takeAll } from "./limits";

/**
 * The code step, where an attempt begins. Every code that names no device the consumer may set up costs the
 * client (and all clients together) one try; a known code gives its try back. Unknown codes, retired devices and
 * dev-batch devices in deployed mode get one identical answer.
 */
export async function startSetup(deps: OnboardingDeps, input: CodeStepInput): Promise<CodeCheck> {
  const limits = setupLimits(deps);
  const attempt = await startAttempt(deps.db, {
    codeHmac: typedCodeHmac(deps, input.code),
    deviceId: null,
    clientKey: deps.clientKey,
    step: "code",
    outcome: "started",
    now: deps.clock.now(),
  });
  return runStep(deps, attempt, "code", async () => {
    const refund = await takeAll([
      [limits.unknownCodePerClient, deps.clientKey],
      [limits.unknownCodeGlobal, "all"],
    ]);
    const device = await deviceForCode(deps, input.code);
    if (!device) throw new UnknownCode();
    await refund();
    await attachDevice(deps.db, attempt.id, device.id);
    const next = device.ownerClaimId ? "already_set_up" : "claim";
    return {
      outcome: next === "claim" ? "code_ok" : "already_set_up",
      result: {
        attemptId: attempt.id,
        supportCode: attempt.supportCode,
        device: { serial: device.serial, model: device.model },
        next,
      },
    };
  });
}
