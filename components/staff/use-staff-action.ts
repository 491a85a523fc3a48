"use client";
import { useActionState } from "react";
import type { SummaryError } from "@/components/form/error-summary";
import type { ActionResult } from "@/lib/auth/action-result";

interface Submission<T, Field extends string> {
  result: ActionResult<T, Field>;
  /** What was typed, to refill the form after a refusal (React resets a form once its action ends). */
  values: Record<string, string>;
}

/**
 * A console form's state around one staff server action: the last result, the form action, whether it is
 * running, each field's first error (ids are `<idPrefix>-<field>`), the list for ErrorSummary, and `refill` for a
 * field's `defaultValue` after a refusal (never use it for a password).
 */
export function useStaffAction<T, Field extends string>(
  action: (input: FormData) => Promise<ActionResult<T, Field>>,
  idPrefix: string,
) {
  const [submission, formAction, pending] = useActionState(
    async (_previous: Submission<T, Field> | null, formData: FormData): Promise<Submission<T, Field>> => {
      const values: Record<string, string> = {};
      for (const [name, value] of formData) if (typeof value === "string") values[name] = value;
      return { result: await action(formData), values };
    },
    null,
  );
  const result = submission?.result ?? null;
  const failure = result && !result.ok ? result : null;
  const fieldError = (name: Field): string | undefined => failure?.fieldErrors[name]?.[0];
  const refill = (name: Field): string | undefined => (failure ? submission?.values[name] : undefined);
  const errors: SummaryError[] = failure
    ? [
        ...Object.entries(failure.fieldErrors).map(([name, messages]) => ({
          fieldId: `${idPrefix}-${name}`,
          message: (messages as string[] | undefined)?.[0] ?? "",
        })),
        ...(failure.formError ? [{ message: failure.formError }] : []),
      ]
    : [];
  return {
    result,
    formAction,
    pending,
    fieldError,
    refill,
    errors,
    fieldId: (name: Field) => `${idPrefix}-${name}`,
  };
}
