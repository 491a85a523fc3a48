import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { attempts, type Attempt, type AttemptStep } from "@/lib/db/schema";
import { boxCodeHmac } from "@/lib/devices/code-hmac";
import { foldBoxCode } from "@/lib/devices/box-code";
import type { OnboardingDeps } from "./deps";
import { SetupError, SetupFailed } from "./errors";
import { newSupportCode } from "./support-code";

const SUPPORT_CODE_DRAWS = 5;

/** The keyed HMAC of what was typed, folded as the registry folds codes, so support can match it to a label. */
export function typedCodeHmac(deps: Pick<OnboardingDeps, "config">, typed: string): string {
  return boxCodeHmac(deps.config.secrets.codeHmacKey, foldBoxCode(typed));
}

/** Begins an attempt (at the first request that reaches the server) under a fresh, unique support code. */
export async function startAttempt(
  db: Database,
  input: {
    codeHmac: string;
    deviceId: string | null;
    clientKey: string;
    step: AttemptStep;
    outcome: string;
    now: Date;
  },
): Promise<Attempt> {
  for (let draw = 0; draw < SUPPORT_CODE_DRAWS; draw++) {
    const [row] = await db
      .insert(attempts)
      .values({
        supportCode: newSupportCode(),
        codeHmac: input.codeHmac,
        deviceId: input.deviceId,
        clientKey: input.clientKey,
        step: input.step,
        outcome: input.outcome,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
  }
  throw new Error("could not draw a free support code");
}

export async function findAttempt(db: Database, id: string): Promise<Attempt | null> {
  const [row] = await db.select().from(attempts).where(eq(attempts.id, id));
  return row ?? null;
}

/** The device the attempt's code named, once the code step found it. */
export async function attachDevice(db: Database, id: string, deviceId: string): Promise<void> {
  await db.update(attempts).set({ deviceId }).where(eq(attempts.id, id));
}

/** Records the step an attempt reached and how it ended there. */
export async function updateAttempt(
  db: Database,
  id: string,
  step: AttemptStep,
  outcome: string,
  now: Date,
): Promise<void> {
  await db.update(attempts).set({ step, outcome, updatedAt: now }).where(eq(attempts.id, id));
}

/** snake_case of an error class name: the outcome recorded for a failed step, e.g. username_unavailable. */
function outcomeOf(error: SetupError): string {
  return error.name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/**
 * Runs one step of an attempt: records the outcome the step returns, or the failure, and gives every failure the
 * attempt's support code. Failures that are not SetupErrors become SetupFailed (a generic message), so no driver
 * or vendor text can reach the browser.
 */
export async function runStep<T>(
  deps: Pick<OnboardingDeps, "db" | "clock">,
  attempt: Pick<Attempt, "id" | "supportCode">,
  step: AttemptStep,
  body: () => Promise<{ result: T; outcome: string }>,
): Promise<T> {
  try {
    const { result, outcome } = await body();
    await updateAttempt(deps.db, attempt.id, step, outcome, deps.clock.now());
    return result;
  } catch (error) {
    const failure = error instanceof SetupError ? error : new SetupFailed(error);
    failure.supportCode = attempt.supportCode;
    const outcome = error instanceof SetupError ? outcomeOf(failure) : "error";
    await updateAttempt(deps.db, attempt.id, step, outcome, deps.clock.now()).catch(() => undefined);
    throw failure;
  }
}
