"use client";
import { TextField } from "@/components/form/text-field";

/** The part of a console form's state (useStaffAction) a reason field needs. */
interface ReasonFormState {
  fieldId: (name: "reason") => string;
  refill: (name: "reason") => string | undefined;
  fieldError: (name: "reason") => string | undefined;
}

/** Every staff action asks why; the answer goes into its audit event. */
export function ReasonField({
  label,
  form,
  required,
}: {
  label: string;
  form: ReasonFormState;
  required?: boolean;
}) {
  return (
    <TextField
      id={form.fieldId("reason")}
      name="reason"
      label={label}
      defaultValue={form.refill("reason")}
      error={form.fieldError("reason")}
      required={required}
    />
  );
}
