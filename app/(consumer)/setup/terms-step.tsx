"use client";
import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/form/button";
import { CheckboxField } from "@/components/form/checkbox-field";
import { ErrorSummary } from "@/components/form/error-summary";
import { SupportCode } from "@/components/setup/support-code";
import {
  termsSchema,
  type AccountInput,
  type ClaimInput,
  type CodeCheck,
  type PairingTicket,
} from "@/lib/onboarding/contract";
import { TERMS_SUMMARY, TERMS_VERSION } from "@/lib/onboarding/terms";
import { claimAction } from "./actions";
import { callAction, fieldMessage, type Failure } from "./action-result";
import { StepHeading } from "./step-heading";
import { StepSubmit } from "./step-submit";

const ACCEPT_ID = "accept-terms";
const ACCOUNT_FIELDS = ["loginId", "password", "confirmPassword"];

export interface TermsStepProps {
  check: CodeCheck;
  code: string;
  account: AccountInput;
  focusHeading: boolean;
  onBack: () => void;
  onClaimed: (ticket: PairingTicket) => void;
  /** The server refused the username or password: the wizard goes back to the account step with its messages. */
  onAccountRejected: (failure: Failure) => void;
  onRestart: () => void;
}

export function TermsStep(props: TermsStepProps) {
  const { check, code, account, focusHeading, onBack, onClaimed, onAccountRejected, onRestart } = props;
  const [accepted, setAccepted] = useState(false);
  const [acceptError, setAcceptError] = useState<string | undefined>();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();
  // The exact input of the last claim, so "Try again" resends it unchanged (the server keeps the reservation).
  const [lastClaim, setLastClaim] = useState<ClaimInput | null>(null);

  function sendClaim(input: ClaimInput) {
    setLastClaim(input);
    setFailure(null);
    startTransition(async () => {
      const result = await callAction(() => claimAction(input));
      if (result.ok) {
        onClaimed(result.data);
        return;
      }
      if (ACCOUNT_FIELDS.some((field) => fieldMessage(result, field))) onAccountRejected(result);
      else setFailure(result);
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const terms = termsSchema.safeParse({ acceptTerms: accepted, termsVersion: TERMS_VERSION });
    if (!terms.success) {
      setAcceptError(terms.error.issues[0]?.message);
      document.getElementById(ACCEPT_ID)?.focus();
      return;
    }
    sendClaim({ attemptId: check.attemptId, code, ...account, ...terms.data });
  }

  const codeProblem = fieldMessage(failure, "code");
  const termsProblem = fieldMessage(failure, "acceptTerms") ?? fieldMessage(failure, "termsVersion");
  const summary = [
    ...(codeProblem ? [{ message: codeProblem }] : []),
    ...(termsProblem ? [{ fieldId: ACCEPT_ID, message: termsProblem }] : []),
    ...(failure?.formError ? [{ message: failure.formError }] : []),
  ];
  const retryable = Boolean(failure?.retryable && lastClaim);

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <StepHeading focusOnMount={focusHeading}>Accept the terms</StepHeading>
      <SupportCode code={failure?.supportCode ?? check.supportCode} />
      <ErrorSummary errors={summary}>
        {retryable ? (
          <div className="flex flex-col gap-3" data-testid="claim-retry">
            <p className="text-red-900">
              Medium One is busy; try again with the same username and password. Your username stays reserved
              for you in the meantime.
            </p>
            <Button disabled={pending} onClick={() => lastClaim && sendClaim(lastClaim)}>
              Try again
            </Button>
          </div>
        ) : null}
        {codeProblem ? (
          <Button variant="secondary" onClick={onRestart}>
            Enter the code again
          </Button>
        ) : null}
      </ErrorSummary>
      <section aria-labelledby="terms-summary-heading" className="flex flex-col gap-2">
        <h2 id="terms-summary-heading" className="text-lg font-semibold">
          Terms version <span data-testid="terms-version">{TERMS_VERSION}</span>, in short
        </h2>
        <ul className="flex list-disc flex-col gap-1 pl-5 text-slate-700">
          {TERMS_SUMMARY.map((point) => (
            <li key={point}>{point}</li>
          ))}
        </ul>
        <p>
          <Link
            href="/terms"
            target="_blank"
            rel="noopener"
            className="font-semibold text-brand-700 underline"
          >
            Read the full terms<span className="sr-only"> (opens in a new tab)</span>
          </Link>
        </p>
      </section>
      <CheckboxField
        id={ACCEPT_ID}
        name="acceptTerms"
        label={`I have read and accept the terms (version ${TERMS_VERSION})`}
        checked={accepted}
        onChange={(event) => {
          setAccepted(event.target.checked);
          setAcceptError(undefined);
        }}
        error={acceptError}
      />
      <p className="text-slate-700">
        Next, we create the Medium One account <strong>{account.loginId}</strong> for your{" "}
        {check.device.model}. This can take a few seconds.
      </p>
      <StepSubmit
        pending={pending}
        progress="Creating the device's account…"
        progressTestId="claim-progress"
        onBack={onBack}
      >
        Create the device account
      </StepSubmit>
    </form>
  );
}
