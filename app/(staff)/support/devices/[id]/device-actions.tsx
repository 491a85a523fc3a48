"use client";
import { ReasonField } from "@/components/staff/reason-field";
import { useId, useRef, type ReactNode } from "react";
import { Button } from "@/components/form/button";
import { ErrorSummary } from "@/components/form/error-summary";
import { SelectField } from "@/components/staff/select-field";
import { useStaffAction } from "@/components/staff/use-staff-action";
import type { ActionResult } from "@/lib/auth/action-result";
import { createPasswordResetLink } from "./actions/create-password-reset-link";
import { createRepairLink } from "./actions/create-repair-link";
import { releaseDevice } from "./actions/release-device";
import { revokePairings } from "./actions/revoke-pairings";
import { rotateBoxCode } from "./actions/rotate-box-code";
import { unlockDevice } from "./actions/unlock-device";

type Field = "deviceId" | "reason" | "scope" | "ownerUser";

interface ActionFormProps<T> {
  title: string;
  description: ReactNode;
  button: string;
  deviceId: string;
  action: (input: FormData) => Promise<ActionResult<T, Field>>;
  reasonLabel: string;
  fields?: (errorOf: (name: Field) => string | undefined, idOf: (name: Field) => string) => ReactNode;
  done: (data: T) => ReactNode;
}

/** One console action: its own fields, a required reason, the result (or errors tied to the fields). */
function ActionForm<T>({
  title,
  description,
  button,
  deviceId,
  action,
  reasonLabel,
  fields,
  done,
}: ActionFormProps<T>) {
  const prefix = useId();
  const headingId = `${prefix}heading`;
  const { result, formAction, pending, fieldError, refill, errors, fieldId } = useStaffAction(action, prefix);
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-lg border-2 border-slate-300 p-4"
    >
      <h3 id={headingId} className="text-xl font-semibold">
        {title}
      </h3>
      <div className="text-slate-700">{description}</div>
      <form action={formAction} noValidate className="flex flex-col gap-3">
        <input type="hidden" name="deviceId" value={deviceId} />
        <ErrorSummary errors={errors} />
        <div role="status" aria-live="polite">
          {result?.ok ? done(result.data) : null}
        </div>
        {fields?.(fieldError, fieldId)}
        <ReasonField label={reasonLabel} form={{ fieldId, refill, fieldError }} required />
        <div>
          <Button type="submit" variant="secondary" disabled={pending}>
            {button}
          </Button>
        </div>
      </form>
    </section>
  );
}

function OneTimeLink({ url, loginId, expiresAt }: { url: string; loginId: string; expiresAt: string }) {
  return (
    <div className="flex flex-col gap-1 rounded bg-green-50 p-3">
      <p className="font-semibold text-green-800">
        Link created for {loginId}. It is shown only now: copy it.
      </p>
      <label className="flex flex-col gap-1">
        <span className="text-sm">
          Link (single use, until {expiresAt.replace("T", " ").slice(0, 16)} UTC)
        </span>
        <input
          readOnly
          value={url}
          className="rounded border border-slate-400 p-2 font-mono text-sm"
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
    </div>
  );
}

export function RepairLinkForm({ deviceId }: { deviceId: string }) {
  return (
    <ActionForm
      title="Re-pair link"
      description="A single-use link, valid for 24 hours, for the owner. Opening it changes nothing; the owner signs in with the device's current password and gets a new pairing QR code."
      button="Create re-pair link"
      reasonLabel="Reason for the re-pair link"
      deviceId={deviceId}
      action={createRepairLink}
      done={(data) => <OneTimeLink {...data} />}
    />
  );
}

export function PasswordResetLinkForm({ deviceId, available }: { deviceId: string; available: boolean }) {
  return (
    <ActionForm
      title="Password reset link"
      description={
        available
          ? "A single-use, 24-hour link where the owner chooses a new password. The new password reaches Medium One only when the device scans the new QR code and redeems it; until then the old password keeps working."
          : "Not available: this deployment's Medium One account is registration-only and cannot change passwords. Use a re-pair link, or the Medium One portal."
      }
      button="Create password reset link"
      reasonLabel="Reason for the password reset"
      deviceId={deviceId}
      action={createPasswordResetLink}
      done={(data) => <OneTimeLink {...data} />}
    />
  );
}

export function RevokeForm({ deviceId }: { deviceId: string }) {
  return (
    <ActionForm
      title="Revoke pairings"
      description="Every outstanding pairing session of this device stops at once; a QR code already shown no longer works."
      button="Revoke pairings"
      reasonLabel="Reason to revoke"
      deviceId={deviceId}
      action={revokePairings}
      done={(data) => (
        <p className="font-semibold text-green-800">Revoked {data.cancelled} open session(s).</p>
      )}
    />
  );
}

export function UnlockForm({ deviceId, clients }: { deviceId: string; clients: string[] }) {
  const options = [
    { value: "device", label: "This device's limits and login budgets" },
    ...clients.map((key) => ({ value: `client:${key}`, label: `Client ${key.slice(0, 12)}…` })),
  ];
  return (
    <ActionForm
      title="Unlock"
      description="Clears rate limits and budgets, so the customer can try again now."
      button="Unlock"
      reasonLabel="Reason to unlock"
      deviceId={deviceId}
      action={unlockDevice}
      fields={(errorOf, idOf) => (
        <SelectField
          id={idOf("scope")}
          name="scope"
          label="What to unlock"
          options={options}
          error={errorOf("scope")}
        />
      )}
      done={(data) => <p className="font-semibold text-green-800">Cleared {data.cleared} limit(s).</p>}
    />
  );
}

export function ReleaseForm({ deviceId, canChangeUsers }: { deviceId: string; canChangeUsers: boolean }) {
  return (
    <ActionForm
      title="Release device"
      description={
        canChangeUsers
          ? "The device gets no owner and can be set up by a new owner with the same box code. Its history stays."
          : "The device gets no owner and can be set up by a new owner with the same box code. This deployment's Medium One account cannot disable or delete users: the owner's user will be listed for you to disable in the Medium One portal."
      }
      button="Release device"
      reasonLabel="Reason for the release"
      deviceId={deviceId}
      action={releaseDevice}
      fields={(errorOf, idOf) => (
        <SelectField
          id={idOf("ownerUser")}
          name="ownerUser"
          label="The owner's Medium One user"
          options={[
            { value: "disable", label: "Disable the user" },
            { value: "delete", label: "Delete the user" },
          ]}
          error={errorOf("ownerUser")}
        />
      )}
      done={(data) => (
        <p className="font-semibold text-green-800">
          Released from {data.loginId}.{" "}
          {data.ownerUser === "portal"
            ? `Disable or delete ${data.loginId} in the Medium One portal.`
            : `Medium One user ${data.loginId}: ${data.ownerUser === "disable" ? "disable" : "delete"} requested (see the timeline).`}
        </p>
      )}
    />
  );
}

export function RotateCodeForm({ deviceId }: { deviceId: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <ActionForm
      title="Rotate box code"
      description="For a lost or leaked label: the old code stops working at once. The new code is shown once, with a label to print."
      button="Rotate box code"
      reasonLabel="Reason to rotate the code"
      deviceId={deviceId}
      action={rotateBoxCode}
      done={(data) => (
        <div className="flex flex-col gap-2 rounded bg-green-50 p-3">
          <p className="font-semibold text-green-800">
            New box code, shown only now:{" "}
            <code className="font-mono text-lg" data-testid="new-box-code">
              {data.code}
            </code>
          </p>
          <iframe
            ref={frame}
            title="Printable label"
            srcDoc={data.labelHtml}
            className="h-48 w-full bg-white"
          />
          <div>
            <Button variant="secondary" onClick={() => frame.current?.contentWindow?.print()}>
              Print label
            </Button>
          </div>
        </div>
      )}
    />
  );
}
