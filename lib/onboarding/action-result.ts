import "server-only";
import { z } from "zod";
import type { ActionResult } from "./contract";
import { SetupError, SetupFailed, TooManyRequests } from "./errors";

type Failure<F extends string> = Extract<ActionResult<never, F>, { ok: false }>;

/** Field errors of a schema that refused the input, keyed by input name. */
export function invalidInput<F extends string>(error: z.ZodError): Failure<F> {
  return { ok: false, fieldErrors: z.flattenError(error).fieldErrors as Failure<F>["fieldErrors"] };
}

/**
 * The browser's view of a failure: a SetupError's own message (written for consumers), under its field when it
 * has one; anything else only as a generic message. The cause is logged by class name only, never its text,
 * which may hold vendor or driver detail.
 */
export function failureOf<F extends string>(error: unknown): Failure<F> {
  const known = error instanceof SetupError ? error : new SetupFailed(error);
  if (known instanceof SetupFailed) {
    const cause = known.cause instanceof Error ? known.cause.name : typeof known.cause;
    console.error(`setup failed (${known.supportCode ?? "no attempt"}): ${cause}`);
  }
  const fieldErrors = (known.field ? { [known.field]: [known.message] } : {}) as Failure<F>["fieldErrors"];
  return {
    ok: false,
    fieldErrors,
    ...(known.field ? {} : { formError: known.message }),
    ...(known.supportCode ? { supportCode: known.supportCode } : {}),
    ...(known.retryable || known instanceof TooManyRequests ? { retryable: true } : {}),
  };
}

/** Parses the input with its contract schema (again, on the server) and runs the step, as one ActionResult. */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  step: (input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T, Extract<keyof z.input<S>, string>>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await step(parsed.data) };
  } catch (error) {
    return failureOf(error);
  }
}
