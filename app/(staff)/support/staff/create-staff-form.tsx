"use client";
import { ReasonField } from "@/components/staff/reason-field";
import { Button } from "@/components/form/button";
import { ErrorSummary } from "@/components/form/error-summary";
import { TextField } from "@/components/form/text-field";
import { SelectField } from "@/components/staff/select-field";
import { useStaffAction } from "@/components/staff/use-staff-action";
import { createStaffMember } from "./actions/create-staff-member";
import { GeneratedPassword } from "./generated-password";
import { ROLE_OPTIONS } from "./role-options";

export function CreateStaffForm() {
  const { result, formAction, pending, fieldError, refill, errors, fieldId } = useStaffAction(
    createStaffMember,
    "create",
  );
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <ErrorSummary errors={errors} />
      <div role="status" aria-live="polite">
        {result?.ok ? (
          <div className="flex flex-col gap-2 rounded-lg border-2 border-green-700 bg-green-50 p-4">
            <p className="font-semibold">Added {result.data.username}.</p>
            <GeneratedPassword password={result.data.generatedPassword} />
          </div>
        ) : null}
      </div>
      <TextField
        id={fieldId("username")}
        name="username"
        defaultValue={refill("username")}
        label="Username"
        autoComplete="off"
        error={fieldError("username")}
      />
      <TextField
        id={fieldId("displayName")}
        name="displayName"
        defaultValue={refill("displayName")}
        label="Name"
        autoComplete="off"
        error={fieldError("displayName")}
      />
      <SelectField
        id={fieldId("role")}
        name="role"
        defaultValue={refill("role")}
        label="Role"
        options={ROLE_OPTIONS}
        error={fieldError("role")}
      />
      <TextField
        id={fieldId("password")}
        name="password"
        type="password"
        label="Password (optional)"
        description="At least 12 characters. Leave it empty to generate one, shown once."
        autoComplete="new-password"
        error={fieldError("password")}
      />
      <ReasonField label="Reason" form={{ fieldId, refill, fieldError }} />
      <Button type="submit" disabled={pending}>
        Add staff member
      </Button>
    </form>
  );
}
