"use client";
import { useActionState } from "react";
import type { SummaryError } from "@/components/form/error-summary";
import type { ActionResult } from "@/lib/auth/action-result";

/**
 * A console form's state around one staff server action: the last result, the form action, whether it is
 * running, each field's first error (ids are `<idPrefix>-<field>`) and the list for ErrorSummary.
 */
export function useStaffAction<T, Field extends string>(
  action: (input: FormData) => Promise<ActionResult<T, Field>>,
  idPrefix: string,
) {
  const [result, formAction, pending] = useActionState(
    (_previous: ActionResult<T, Field> | null, formData: FormData) => action(formData),
    null,
  );
  const failure = result && !result.ok ? result : null;
  const fieldError = (name: Field): string | undefined => failure?.fieldErrors[name]?.[0];
  const errors: SummaryError[] = failure
    ? [
        ...Object.entries(failure.fieldErrors).map(([name, messages]) => ({
          fieldId: `${idPrefix}-${name}`,
          message: (messages as string[] | undefined)?.[0] ?? "",
        })),
        ...(failure.formError ? [{ message: failure.formError }] : []),
      ]
    : [];
  return { result, formAction, pending, fieldError, errors, fieldId: (name: Field) => `${idPrefix}-${name}` };
}
