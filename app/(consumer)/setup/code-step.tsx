"use client";
import { useLayoutEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/form/button";
import { ErrorSummary } from "@/components/form/error-summary";
import { TextField } from "@/components/form/text-field";
import { checkTypedCode, regroupTypedCode, type CodeCheckResult } from "@/lib/onboarding/code-entry";
import type { CodeCheck } from "@/lib/onboarding/contract";
import { checkCodeAction } from "./actions";
import { callAction, fieldMessage, type Failure } from "./action-result";
import { StepHeading } from "./step-heading";

const CODE_INPUT_ID = "device-code";

export interface CodeStepProps {
  /** The grouped code to start with: from the box label's link, or what was typed before going back. */
  initialCode: string;
  fromLabel: boolean;
  focusHeading: boolean;
  onChecked: (check: CodeCheck, code: string) => void;
}

type LocalProblem = Extract<CodeCheckResult, { ok: false }>;

export function CodeStep({ initialCode, fromLabel, focusHeading, onChecked }: CodeStepProps) {
  const [typed, setTyped] = useState(() => regroupTypedCode(initialCode, initialCode.length).value);
  const [problem, setProblem] = useState<LocalProblem | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);
  const caretRef = useRef<number | null>(null);

  // Put the caret back where it was after regrouping rewrote the value.
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (input && caretRef.current !== null && document.activeElement === input) {
      input.setSelectionRange(caretRef.current, caretRef.current);
    }
    caretRef.current = null;
  }, [typed]);

  function onChange(raw: string, caret: number | null) {
    const next = regroupTypedCode(raw, caret ?? raw.length);
    caretRef.current = next.caret;
    setTyped(next.value);
    setProblem(null);
    setFailure(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const checked = checkTypedCode(typed);
    if (!checked.ok) {
      setProblem(checked);
      inputRef.current?.focus();
      return;
    }
    startTransition(async () => {
      const result = await callAction(() => checkCodeAction({ code: checked.code }));
      if (result.ok) onChecked(result.data, checked.display);
      else setFailure(result);
    });
  }

  const serverCodeError = fieldMessage(failure, "code");
  const summary = [
    ...(serverCodeError ? [{ fieldId: CODE_INPUT_ID, message: serverCodeError }] : []),
    ...(failure?.formError ? [{ message: failure.formError }] : []),
  ];

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <StepHeading focusOnMount={focusHeading}>Enter the device code</StepHeading>
      <p className="text-slate-700">
        The code is printed on the box and on its QR sticker. It only says which device you are setting up:
        the device itself confirms the setup later, when it scans a QR code on this screen.
      </p>
      {fromLabel ? (
        <p className="rounded-lg bg-blue-50 p-3 text-slate-800" data-testid="code-from-label">
          We filled in the code from the box label. Check that it matches the box, then continue.
        </p>
      ) : null}
      <ErrorSummary errors={summary} supportCode={failure?.supportCode} />
      <TextField
        ref={inputRef}
        id={CODE_INPUT_ID}
        name="code"
        label="Device code"
        description="16 letters and digits, like XXXX-XXXX-XXXX-XXXX. Dashes and spaces are optional."
        value={typed}
        onChange={(event) => onChange(event.target.value, event.target.selectionStart)}
        error={problem?.message ?? serverCodeError}
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="go"
        className="font-mono tracking-wider"
      />
      {problem?.suggestion ? (
        <Button
          variant="secondary"
          onClick={() => {
            onChange(problem.suggestion?.display ?? typed, null);
            inputRef.current?.focus();
          }}
        >
          Use {problem.suggestion.display}
        </Button>
      ) : null}
      <p role="status" className="text-slate-700" data-testid="code-progress">
        {pending ? "Checking the code…" : ""}
      </p>
      <Button type="submit" disabled={pending}>
        Continue
      </Button>
    </form>
  );
}
