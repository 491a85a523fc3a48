import "server-only";
import type { CodeCheck, CodeStepInput } from "./contract";
import { runStep } from "./attempts";
import type { OnboardingDeps } from "./deps";
import { deviceForAttemptCode, startCodeAttempt } from "./device-code";
import { setupLimits } from "./limits";

/**
 * The code step, where an attempt begins. Every code that names no device the consumer may set up costs the
 * client (and all clients together) one try; a known code gives its try back. Unknown codes, retired devices and
 * dev-batch devices in deployed mode get one identical answer.
 */
export async function startSetup(deps: OnboardingDeps, input: CodeStepInput): Promise<CodeCheck> {
  const limits = setupLimits(deps);
  const attempt = await startCodeAttempt(deps, input.code, "code");
  return runStep(deps, attempt, "code", async () => {
    const device = await deviceForAttemptCode(deps, limits, attempt, input.code);
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
