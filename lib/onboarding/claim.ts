import "server-only";
import type { Claim } from "@/lib/db/schema";
import type { DeviceRecord } from "@/lib/devices/queries";
import { NotFound, Unauthorized } from "@/lib/medium-one/errors";
import type { MediumOneSession } from "@/lib/medium-one/session";
import { runStep } from "./attempts";
import {
  findHolder,
  recordCreateIntent,
  recordCreateOutcome,
  releaseLease,
  ReservationRace,
  reserveClaim,
  takeLease,
} from "./claim-records";
import { foldLoginId, loginAsConsumer, loginAsConsumerWithRetries } from "./consumer-login";
import type { ClaimInput, PairingTicket } from "./contract";
import { createUserRound } from "./create-user";
import { sleepOf, type OnboardingDeps } from "./deps";
import { verifyAttempt } from "./device-code";
import {
  AlreadySetUp,
  ClaimBusy,
  LimitReached,
  MediumOneBusy,
  PasswordTooWeak,
  TooManyRequests,
  UsernameUnavailable,
  WrongCredentials,
} from "./errors";
import { setupLimits, take, takeAll, type SetupLimits } from "./limits";
import { passwordProblem } from "./password-strength";
import { passwordRuleOf } from "./password-rule";
import { isTransient } from "./retry";
import { isServiceAccount } from "./service-accounts";
import { issueTicket } from "./ticket";

export const SAGA_TIMING = {
  /** How long one request holds a claim; a crashed request's lease simply runs out. */
  leaseMs: 2 * 60_000,
  /** A double submit waits this often, this long, for the first request to finish with the claim. */
  leaseWaits: 20,
  leaseWaitMs: 500,
  /** A 202 is polled this often, this far apart, before the consumer is asked to come back. */
  pollAttempts: 5,
  pollIntervalMs: 2000,
} as const;

const RETRY_SAME = "Please try again in a minute with the same username and password.";
const STILL_CREATING = `Medium One is still creating your account. ${RETRY_SAME}`;
const NO_ANSWER = `Medium One did not answer in time, so we cannot tell yet whether your account was made. ${RETRY_SAME}`;
const TAKEN_OR_OURS =
  "This username is taken. If you chose it in an earlier try, enter the same password as then.";

interface Context {
  deps: OnboardingDeps;
  limits: SetupLimits;
  input: ClaimInput;
  device: DeviceRecord;
  supportCode: string;
}

/**
 * The claim (design §3): validate, rate-limit, find the device, refuse our own accounts, caps and budgets, reserve
 * the username for a pending claim, create the Medium One user (intent and outcome recorded around it), log in as
 * that user for its MQTT ID, and open the claim's first pairing session. Every step's result is recorded on the
 * claim, so a retry with the same input (or a double submit) continues the same claim and never makes a second user.
 */
export async function claimDevice(deps: OnboardingDeps, input: ClaimInput): Promise<PairingTicket> {
  const { attempt, device } = await verifyAttempt(deps, input.attemptId, input.code);
  return runStep(deps, attempt, "claim", async () => {
    const limits = setupLimits(deps);
    await take(limits.claimPerClient, deps.clientKey);
    if (device.ownerClaimId) throw new AlreadySetUp();
    const rule = passwordRuleOf(deps.config.onboarding);
    const weak = passwordProblem(input.password, rule, [input.loginId]);
    if (weak) throw new PasswordTooWeak(weak);
    const folded = foldLoginId(input.loginId);
    if (isServiceAccount(deps, folded)) throw new UsernameUnavailable();

    const context: Context = { deps, limits, input, device, supportCode: attempt.supportCode };
    const { claim, fresh } = await findOrReserveClaim(context, attempt.id, folded);
    const leased = fresh ? claim : await waitForLease(deps, claim.id);
    try {
      const ticket = await continueClaim(context, leased, fresh);
      return { outcome: "session_issued", result: ticket };
    } finally {
      await releaseLease(deps.db, claim.id);
    }
  });
}

/** The pending claim of this device already holding the username (a retry), or a new one with its reservation. */
async function findOrReserveClaim(
  context: Context,
  attemptId: string,
  folded: string,
): Promise<{ claim: Claim; fresh: boolean }> {
  const { deps, limits, device, input } = context;
  const reusable = async () => {
    const holder = await findHolder(deps.db, folded);
    if (!holder) return null;
    if (holder.deviceId === device.id && holder.state === "pending") return holder;
    throw new UsernameUnavailable();
  };
  const existing = await reusable();
  if (existing) return { claim: existing, fresh: false };

  const refund = await takeAll([
    [limits.userCreationsPerDevice, device.id],
    [limits.userCreationsPerClient, deps.clientKey],
  ]).catch((error: unknown) => {
    throw error instanceof TooManyRequests
      ? new LimitReached(
          "Too many accounts were set up for this device or from your network today. Please try again tomorrow.",
        )
      : error;
  });
  try {
    const claim = await reserveClaim(deps.db, {
      deviceId: device.id,
      loginId: input.loginId.trim(),
      loginIdFolded: folded,
      clientKey: deps.clientKey,
      attemptId,
      termsVersion: input.termsVersion,
      lifetimeMs: deps.config.onboarding.claimLifetimeHours * 3600_000,
      capPerDeviceClient: deps.config.onboarding.claimCapPerDeviceClient,
      leaseMs: SAGA_TIMING.leaseMs,
      now: deps.clock.now(),
    });
    return { claim, fresh: true };
  } catch (error) {
    await refund();
    if (!(error instanceof ReservationRace)) throw error;
    // Someone reserved the name between our look-up and our insert: our own double submit, or another person.
    const raced = await reusable();
    if (!raced) throw new UsernameUnavailable();
    return { claim: raced, fresh: false };
  }
}

async function waitForLease(deps: OnboardingDeps, claimId: string): Promise<Claim> {
  for (let wait = 0; wait <= SAGA_TIMING.leaseWaits; wait++) {
    const claim = await takeLease(deps.db, claimId, deps.clock.now(), SAGA_TIMING.leaseMs);
    if (claim) return claim;
    await sleepOf(deps)(SAGA_TIMING.leaseWaitMs);
  }
  throw new ClaimBusy();
}

async function continueClaim(context: Context, start: Claim, fresh: boolean): Promise<PairingTicket> {
  const { deps, limits, input } = context;
  if (start.state !== "pending") throw new UsernameUnavailable();
  let claim = start;
  let user: MediumOneSession | undefined;

  if (
    claim.createOutcome === null ||
    claim.createOutcome === "unknown" ||
    claim.createOutcome === "not_created"
  ) {
    ({ claim, user } = await createUser(context, claim));
  }
  if (claim.createOutcome === "accepted" && !user) {
    ({ claim, user } = await awaitAccepted(context, claim));
  }
  if (!user) {
    try {
      user = await loginAsConsumerWithRetries(deps, limits, claim.loginId, input.password);
    } catch (error) {
      if (isTransient(error)) throw new MediumOneBusy(`Medium One is not answering right now. ${RETRY_SAME}`);
      if (!(error instanceof Unauthorized)) throw error;
      // Our own create just succeeded, so the user is not visible yet; on a continued claim, the password differs.
      throw fresh ? new MediumOneBusy(STILL_CREATING) : new WrongCredentials(TAKEN_OR_OURS);
    }
  }
  return issueTicket(deps, {
    claim,
    device: context.device,
    user,
    password: input.password,
    supportCode: context.supportCode,
    termsVersion: input.termsVersion,
  });
}

/** One round of creates and what follows from it; the only place a duplicate may lead to a login. */
async function createUser(
  context: Context,
  claim: Claim,
): Promise<{ claim: Claim; user?: MediumOneSession }> {
  const { deps, limits, input } = context;
  const round = await createUserRound(deps, {
    loginId: claim.loginId,
    password: input.password,
    earlierUnknown: claim.createOutcome === "unknown",
    beforeSend: (send) => recordCreateIntent(deps.db, claim, send, deps.clock.now()),
  });
  const record = (outcome: Parameters<typeof recordCreateOutcome>[2], details?: Record<string, unknown>) =>
    recordCreateOutcome(deps.db, claim, outcome, deps.clock.now(), details);

  switch (round) {
    case "created":
    case "accepted":
      return { claim: await record(round) };
    case "duplicate":
      await record("taken");
      throw new UsernameUnavailable();
    case "password_rejected":
      await record("password_rejected");
      throw new PasswordTooWeak(
        "Medium One refused this password. Please choose a longer one with upper- and lower-case letters and digits.",
      );
    case "unknown":
    case "not_created":
      await record(round);
      throw new MediumOneBusy(round === "unknown" ? NO_ANSWER : `Medium One is busy. ${RETRY_SAME}`);
    case "duplicate_after_unknown":
      return proveEarlierCreate(context, claim, limits, input.password);
  }
}

/** An earlier create of this claim got no answer and the name now exists: one login tells whether it was ours. */
async function proveEarlierCreate(
  context: Context,
  claim: Claim,
  limits: SetupLimits,
  password: string,
): Promise<{ claim: Claim; user: MediumOneSession }> {
  const { deps } = context;
  try {
    const user = await loginAsConsumer(deps, limits, claim.loginId, password);
    const proven = await recordCreateOutcome(deps.db, claim, "created", deps.clock.now(), {
      provenByLogin: true,
    });
    return { claim: proven, user };
  } catch (error) {
    if (error instanceof Unauthorized) throw new UsernameUnavailable(TAKEN_OR_OURS);
    if (isTransient(error)) throw new MediumOneBusy(NO_ANSWER);
    throw error;
  }
}

/**
 * A 202: polled until the user is ready or a deadline. The business account reads the user (no bad-login risk) every
 * interval; a registration account can only log in as it, and a failed login counts towards Medium One's lockout,
 * so it waits out the deadline once and then tries one login (a retry later gets its own). Not ready → come back.
 */
async function awaitAccepted(
  context: Context,
  claim: Claim,
): Promise<{ claim: Claim; user?: MediumOneSession }> {
  const { deps, limits, input } = context;
  const account = deps.mediumOne.account;
  const ready = (polls: number) =>
    recordCreateOutcome(deps.db, claim, "created", deps.clock.now(), { afterPolls: polls });
  const notYet = (error: unknown) =>
    error instanceof NotFound ||
    error instanceof Unauthorized ||
    error instanceof TooManyRequests ||
    isTransient(error);

  if (account.can("getUser")) {
    for (let poll = 1; poll <= SAGA_TIMING.pollAttempts; poll++) {
      if (poll > 1) await sleepOf(deps)(SAGA_TIMING.pollIntervalMs);
      try {
        await account.getUser(claim.loginId);
        return { claim: await ready(poll) };
      } catch (error) {
        if (!notYet(error)) throw error;
      }
    }
    throw new MediumOneBusy(STILL_CREATING);
  }
  const deadline = (claim.createOutcomeAt ?? deps.clock.now()).getTime() + pollDeadlineMs();
  const wait = deadline - deps.clock.now().getTime();
  if (wait > 0) await sleepOf(deps)(wait);
  try {
    const user = await loginAsConsumer(deps, limits, claim.loginId, input.password);
    return { claim: await ready(1), user };
  } catch (error) {
    if (!notYet(error)) throw error;
    throw new MediumOneBusy(STILL_CREATING);
  }
}

function pollDeadlineMs(): number {
  return SAGA_TIMING.pollIntervalMs * (SAGA_TIMING.pollAttempts - 1);
}
