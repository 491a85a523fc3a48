"use client";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/form/button";
import { ErrorSummary } from "@/components/form/error-summary";
import { TextField } from "@/components/form/text-field";
import { renewSchema, type PairingTicket } from "@/lib/onboarding/contract";
import { renewAction } from "./actions";
import { callAction, fieldMessage, type Failure } from "./action-result";

export interface RenewFormProps {
  claimId: string;
  loginId: string;
  /** Why a new QR is needed: it expired, or the page was reloaded and the old one is gone. */
  reason: "expired" | "reloaded";
  onTicket: (ticket: PairingTicket) => void;
}

/** A new QR after expiry or a reload: the device's password proves it is the same person. */
export function RenewForm({ claimId, loginId, reason, onTicket }: RenewFormProps) {
  const passwordId = useId();
  const [password, setPassword] = useState("");
  const [localError, setLocalError] = useState<string | undefined>();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const parsed = renewSchema.safeParse({ claimId, password });
    if (!parsed.success) {
      setLocalError(parsed.error.issues.find((issue) => issue.path[0] === "password")?.message);
      document.getElementById(passwordId)?.focus();
      return;
    }
    setFailure(null);
    startTransition(async () => {
      const result = await callAction(() => renewAction(parsed.data));
      if (result.ok) {
        setPassword("");
        onTicket(result.data);
      } else {
        setFailure(result);
      }
    });
  }

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" data-testid="renew-form">
      <p className="text-slate-700" data-testid="renew-reason">
        {reason === "expired"
          ? "The QR code has expired, so the device can no longer use it."
          : "For your security, the QR code is not kept when the page reloads."}{" "}
        Enter the password of <strong>{loginId}</strong> to get a new QR code.
      </p>
      <ErrorSummary
        errors={failure?.formError ? [{ message: failure.formError }] : []}
        supportCode={failure?.supportCode}
      />
      <TextField
        id={passwordId}
        label="Device password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => {
          setPassword(event.target.value);
          setLocalError(undefined);
        }}
        error={localError ?? fieldMessage(failure, "password")}
      />
      <p role="status" className="text-slate-700">
        {pending ? "Checking the password…" : ""}
      </p>
      <Button type="submit" disabled={pending}>
        Get a new QR code
      </Button>
    </form>
  );
}
