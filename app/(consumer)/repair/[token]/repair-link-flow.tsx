"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/form/button";
import { ErrorSummary } from "@/components/form/error-summary";
import { TextField } from "@/components/form/text-field";
import type { PairingStatusView, PairingTicket, PasswordRule } from "@/lib/onboarding/contract";
import type { RepairLinkView } from "@/lib/support/repair-links";
import { passwordResetSchema, repairWithLinkSchema } from "@/lib/support/schemas";
import { callAction, fieldMessage, type Failure } from "../../setup/action-result";
import { DoneStep } from "../../setup/done-step";
import { PairingStep } from "../../setup/pairing-step";
import { PasswordRules } from "../../setup/password-rules";
import { pairingOf } from "../../setup/saved-pairing";
import { StepHeading } from "../../setup/step-heading";
import { repairWithLinkAction, resetPasswordWithLinkAction } from "./actions";

type Stage =
  | { step: "form" }
  | { step: "pairing"; ticket: PairingTicket }
  | { step: "done"; ticket: PairingTicket; connected: PairingStatusView };

/** The link's page: the form (current password, or a new one), then the setup's own pairing and done steps. */
export function RepairLinkFlow({
  token,
  view,
  rule,
}: {
  token: string;
  view: RepairLinkView;
  rule: PasswordRule;
}) {
  const [stage, setStage] = useState<Stage>({ step: "form" });
  const router = useRouter();
  if (stage.step === "pairing") {
    return (
      <PairingStep
        pairing={pairingOf(stage.ticket)}
        ticket={stage.ticket}
        focusHeading
        onTicket={(ticket) => setStage({ step: "pairing", ticket })}
        onConnected={(connected) =>
          setStage({
            step: "done",
            ticket: stage.ticket,
            connected: { ...connected, connectedAt: connected.connectedAt ?? new Date().toISOString() },
          })
        }
        onRestart={() => router.push("/setup")}
      />
    );
  }
  if (stage.step === "done") {
    return (
      <DoneStep
        pairing={pairingOf(stage.ticket)}
        connected={stage.connected}
        focusHeading
        onRestart={() => router.push("/setup")}
      />
    );
  }
  return (
    <LinkForm
      token={token}
      view={view}
      rule={rule}
      onTicket={(ticket) => setStage({ step: "pairing", ticket })}
    />
  );
}

function LinkForm({
  token,
  view,
  rule,
  onTicket,
}: {
  token: string;
  view: RepairLinkView;
  rule: PasswordRule;
  onTicket: (ticket: PairingTicket) => void;
}) {
  const reset = view.kind === "password_reset";
  const [failure, setFailure] = useState<Failure | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string | undefined>>({});
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const input = {
      token,
      password: String(data.get("password") ?? ""),
      ...(reset ? { confirmPassword: String(data.get("confirmPassword") ?? "") } : {}),
    };
    const parsed = (reset ? passwordResetSchema(rule) : repairWithLinkSchema).safeParse(input);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      setLocalErrors(errors);
      return;
    }
    setLocalErrors({});
    setFailure(null);
    startTransition(async () => {
      const result = await callAction(() =>
        reset ? resetPasswordWithLinkAction(parsed.data) : repairWithLinkAction(parsed.data),
      );
      if (result.ok) onTicket(result.data);
      else setFailure(result);
    });
  }

  const errorOf = (field: string) => localErrors[field] ?? fieldMessage(failure, field);
  const summary = [
    ...["password", "confirmPassword"].flatMap((f) =>
      errorOf(f) ? [{ fieldId: `link-${f}`, message: errorOf(f) ?? "" }] : [],
    ),
    ...(failure?.formError ? [{ message: failure.formError }] : []),
  ];
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <StepHeading focusOnMount={false}>
        {reset ? "Choose a new password for your device" : "Connect your device again"}
      </StepHeading>
      <p className="text-slate-700">
        Support sent you this link for your {view.model} (serial {view.serial}), set up as{" "}
        <strong>{view.loginId}</strong>. It works once.
      </p>
      {reset ? (
        <p className="text-slate-700">
          Your new password takes effect when the device scans the new QR code. Until then, the old password
          keeps working.
        </p>
      ) : null}
      <ErrorSummary errors={summary} supportCode={failure?.supportCode} />
      {reset ? <PasswordRules rule={rule} /> : null}
      <TextField
        id="link-password"
        name="password"
        type="password"
        label={reset ? "New password" : "Device password"}
        autoComplete={reset ? "new-password" : "current-password"}
        error={errorOf("password")}
      />
      {reset ? (
        <TextField
          id="link-confirmPassword"
          name="confirmPassword"
          type="password"
          label="New password again"
          autoComplete="new-password"
          error={errorOf("confirmPassword")}
        />
      ) : null}
      <p role="status" className="text-slate-700">
        {pending ? (reset ? "Preparing your QR code…" : "Signing in as the device…") : ""}
      </p>
      <Button type="submit" disabled={pending}>
        {reset ? "Set new password and pair" : "Sign in and pair again"}
      </Button>
    </form>
  );
}
