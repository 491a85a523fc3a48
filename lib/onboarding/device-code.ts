import "server-only";
import { normaliseBoxCode } from "@/lib/devices/box-code";
import { boxCodeMatches } from "@/lib/devices/code-hmac";
import { devBatchesAllowed, findDeviceByCode, type DeviceRecord } from "@/lib/devices/queries";
import type { Attempt, AttemptStep } from "@/lib/db/schema";
import { attachDevice, findAttempt, startAttempt, typedCodeHmac } from "./attempts";
import type { OnboardingDeps } from "./deps";
import { AttemptInvalid, InvalidCode, UnknownCode } from "./errors";
import { takeAll, type SetupLimits } from "./limits";

/**
 * The device a typed code names, as this deployment may show it: unknown codes, retired devices and (deployed)
 * dev batches all come back null, so callers give every one of them the same answer.
 */
export async function deviceForCode(deps: OnboardingDeps, typed: string): Promise<DeviceRecord | null> {
  const normalised = normaliseBoxCode(typed);
  if (!normalised.ok) throw new InvalidCode(normalised.message);
  const device = await findDeviceByCode(deps.db, deps.config.secrets.codeHmacKey, normalised.code, {
    allowDev: devBatchesAllowed(deps.config.mode),
  });
  return device && device.status === "active" ? device : null;
}

/** An attempt that begins at a typed box code (the code step, and "already set up"'s re-pair). */
export function startCodeAttempt(deps: OnboardingDeps, typed: string, step: AttemptStep): Promise<Attempt> {
  return startAttempt(deps.db, {
    codeHmac: typedCodeHmac(deps, typed),
    deviceId: null,
    clientKey: deps.clientKey,
    step,
    outcome: "started",
    now: deps.clock.now(),
  });
}

/**
 * The device an attempt's typed code names, attached to the attempt. Every code that names no device the consumer
 * may set up costs the client (and all clients together) one try and throws UnknownCode; a known code gives its
 * try back.
 */
export async function deviceForAttemptCode(
  deps: OnboardingDeps,
  limits: SetupLimits,
  attempt: Pick<Attempt, "id">,
  typed: string,
): Promise<DeviceRecord> {
  const refund = await takeAll([
    [limits.unknownCodePerClient, deps.clientKey],
    [limits.unknownCodeGlobal, "all"],
  ]);
  const device = await deviceForCode(deps, typed);
  if (!device) throw new UnknownCode();
  await refund();
  await attachDevice(deps.db, attempt.id, device.id);
  return device;
}

/**
 * The later steps (username, claim) re-check what the code step found: the attempt exists, is recent, matched a
 * device, and the code sent again is the one it was begun with. A forged or stale attempt id gets nothing.
 */
export async function verifyAttempt(
  deps: OnboardingDeps,
  attemptId: string,
  typed: string,
): Promise<{ attempt: Attempt; device: DeviceRecord }> {
  const attempt = await findAttempt(deps.db, attemptId);
  const maxAgeMs = deps.config.onboarding.claimLifetimeHours * 3600_000;
  const normalised = normaliseBoxCode(typed);
  if (
    !attempt ||
    !attempt.deviceId ||
    !normalised.ok ||
    deps.clock.now().getTime() - attempt.createdAt.getTime() > maxAgeMs ||
    !boxCodeMatches(attempt.codeHmac, deps.config.secrets.codeHmacKey, normalised.code)
  ) {
    throw new AttemptInvalid();
  }
  const device = await deviceForCode(deps, normalised.code);
  if (!device || device.id !== attempt.deviceId) throw new AttemptInvalid();
  return { attempt, device };
}
