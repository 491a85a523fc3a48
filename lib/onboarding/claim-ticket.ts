import "server-only";
import { eq } from "drizzle-orm";
import { devices, type Claim } from "@/lib/db/schema";
import { devBatchesAllowed, findDeviceBySerial } from "@/lib/devices/queries";
import { Unauthorized } from "@/lib/medium-one/errors";
import type { MediumOneSession } from "@/lib/medium-one/session";
import { termsVersionOf } from "./claim-records";
import { loginAsConsumerWithRetries } from "./consumer-login";
import { TERMS_VERSION, type PairingTicket } from "./contract";
import type { OnboardingDeps } from "./deps";
import { ClaimEnded, MediumOneBusy, WrongCredentials } from "./errors";
import type { SetupLimits } from "./limits";
import { isTransient } from "./retry";
import { issueTicket } from "./ticket";

/** Logs in as the claim's own user: Medium One checks the password, within our login budget. */
export async function proveClaimPassword(
  deps: OnboardingDeps,
  limits: SetupLimits,
  claim: Claim,
  password: string,
  refusal: string,
): Promise<MediumOneSession> {
  try {
    return await loginAsConsumerWithRetries(deps, limits, claim.loginId, password);
  } catch (error) {
    if (error instanceof Unauthorized) throw new WrongCredentials(refusal);
    if (isTransient(error)) throw new MediumOneBusy();
    throw error;
  }
}

/** A new pairing session on an existing claim (renewal, re-pair), with the terms version its claim accepted. */
export async function ticketForClaim(
  deps: OnboardingDeps,
  claim: Claim,
  user: Pick<MediumOneSession, "getSelf">,
  password: string,
  supportCode: string,
): Promise<PairingTicket> {
  const [row] = await deps.db
    .select({ serial: devices.serial })
    .from(devices)
    .where(eq(devices.id, claim.deviceId));
  const device = row
    ? await findDeviceBySerial(deps.db, row.serial, { allowDev: devBatchesAllowed(deps.config.mode) })
    : null;
  if (!device || device.status !== "active") throw new ClaimEnded();
  return issueTicket(deps, {
    claim,
    device,
    user,
    password,
    supportCode,
    termsVersion: (await termsVersionOf(deps.db, claim.id)) ?? TERMS_VERSION,
  });
}
