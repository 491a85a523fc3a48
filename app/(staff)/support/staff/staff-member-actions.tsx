"use client";
import { ReasonField } from "@/components/staff/reason-field";
import { useId } from "react";
import { Button } from "@/components/form/button";
import { ErrorSummary } from "@/components/form/error-summary";
import { TextField } from "@/components/form/text-field";
import { SelectField } from "@/components/staff/select-field";
import { useStaffAction } from "@/components/staff/use-staff-action";
import type { StaffRole } from "@/lib/auth/permissions";
import { resetStaffMemberPassword } from "./actions/reset-staff-password";
import { setStaffMemberDisabled } from "./actions/set-staff-disabled";
import { setStaffMemberRole } from "./actions/set-staff-role";
import { GeneratedPassword } from "./generated-password";
import { ROLE_OPTIONS } from "./role-options";

interface MemberProps {
  staffId: string;
  username: string;
  role: StaffRole;
  disabled: boolean;
}

/** The three changes an admin can make to another account, each with its reason. */
export function StaffMemberActions(props: MemberProps) {
  const headingId = useId();
  return (
    <details className="rounded-lg bg-slate-50 p-3">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand-700">
        Manage {props.username}
      </summary>
      <section aria-labelledby={headingId} className="flex flex-col gap-6 pt-3">
        <h4 id={headingId} className="sr-only">
          Manage {props.username}
        </h4>
        <RoleForm {...props} />
        <AccessForm {...props} />
        <PasswordForm {...props} />
      </section>
    </details>
  );
}

function Done({ text }: { text: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {text ? <p className="font-semibold text-green-800">{text}</p> : null}
    </div>
  );
}

function RoleForm({ staffId, username, role }: MemberProps) {
  const prefix = `${useId()}role`;
  const { result, formAction, pending, fieldError, refill, errors, fieldId } = useStaffAction(
    setStaffMemberRole,
    prefix,
  );
  return (
    <form action={formAction} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="staffId" value={staffId} />
      <ErrorSummary errors={errors} />
      <Done text={result?.ok ? `${result.data.username} is now ${result.data.role}.` : null} />
      <SelectField
        id={fieldId("role")}
        name="role"
        label={`Role for ${username}`}
        defaultValue={role}
        options={ROLE_OPTIONS}
        error={fieldError("role")}
      />
      <ReasonField label="Reason for the role change" form={{ fieldId, refill, fieldError }} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Change role
      </Button>
    </form>
  );
}

function AccessForm({ staffId, username, disabled }: MemberProps) {
  const prefix = `${useId()}access`;
  const { result, formAction, pending, fieldError, refill, errors, fieldId } = useStaffAction(
    setStaffMemberDisabled,
    prefix,
  );
  return (
    <form action={formAction} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="staffId" value={staffId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <ErrorSummary errors={errors} />
      <Done
        text={
          result?.ok ? `${result.data.username} is ${result.data.disabled ? "disabled" : "enabled"}.` : null
        }
      />
      <ReasonField
        label={disabled ? `Reason to enable ${username}` : `Reason to disable ${username}`}
        form={{ fieldId, refill, fieldError }}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {disabled ? "Enable account" : "Disable account"}
      </Button>
    </form>
  );
}

function PasswordForm({ staffId, username }: MemberProps) {
  const prefix = `${useId()}password`;
  const { result, formAction, pending, fieldError, refill, errors, fieldId } = useStaffAction(
    resetStaffMemberPassword,
    prefix,
  );
  return (
    <form action={formAction} noValidate className="flex flex-col gap-3">
      <input type="hidden" name="staffId" value={staffId} />
      <ErrorSummary errors={errors} />
      <div role="status" aria-live="polite">
        {result?.ok ? (
          <div className="flex flex-col gap-1">
            <p className="font-semibold text-green-800">New password set for {result.data.username}.</p>
            <GeneratedPassword password={result.data.generatedPassword} />
          </div>
        ) : null}
      </div>
      <TextField
        id={fieldId("password")}
        name="password"
        type="password"
        label={`New password for ${username} (optional)`}
        description="Leave it empty to generate one, shown once. Their sessions end and a lockout is lifted."
        autoComplete="new-password"
        error={fieldError("password")}
      />
      <ReasonField label="Reason for the password reset" form={{ fieldId, refill, fieldError }} />
      <Button type="submit" variant="secondary" disabled={pending}>
        Reset password
      </Button>
    </form>
  );
}
