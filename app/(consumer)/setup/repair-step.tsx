"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/form/error-summary";
import { TextField } from "@/components/form/text-field";
import { SupportCode } from "@/components/setup/support-code";
import { repairSchema, type CodeCheck, type PairingTicket } from "@/lib/onboarding/contract";
import { repairAction } from "./actions";
import { callAction, fieldMessage, type Failure } from "./action-result";
import { StepHeading } from "./step-heading";
import { StepSubmit } from "./step-submit";

const signInSchema = repairSchema.pick({ loginId: true, password: true });
type SignInInput = { loginId: string; password: string };

export interface RepairStepProps {
  check: CodeCheck;
  code: string;
  focusHeading: boolean;
  onBack: () => void;
  onTicket: (ticket: PairingTicket) => void;
}

/** "Already set up": the current owner proves it with the device's username and password, then pairs again. */
export function RepairStep({ check, code, focusHeading, onBack, onTicket }: RepairStepProps) {
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { loginId: "", password: "" },
  });

  const onValid = (values: SignInInput) => {
    if (pending) return;
    setFailure(null);
    startTransition(async () => {
      const result = await callAction(() => repairAction({ code, ...values }));
      if (result.ok) onTicket(result.data);
      else setFailure(result);
    });
  };

  const summary = [
    ...(fieldMessage(failure, "code") ? [{ message: fieldMessage(failure, "code") ?? "" }] : []),
    ...(failure?.formError ? [{ message: failure.formError }] : []),
  ];

  return (
    <form noValidate onSubmit={handleSubmit(onValid)} className="flex flex-col gap-5">
      <StepHeading focusOnMount={focusHeading}>This device is already set up</StepHeading>
      <SupportCode code={failure?.supportCode ?? check.supportCode} />
      <p className="text-slate-700">
        Your {check.device.model} (serial {check.device.serial}) already has an owner. To connect it again,
        after a factory reset or from a new phone, sign in with the username and password it was set up with.
        If the device changed hands, ask support to release it first.
      </p>
      <ErrorSummary errors={summary} supportCode={failure?.supportCode} />
      <TextField
        label="Username"
        autoComplete="username"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        {...register("loginId")}
        error={errors.loginId?.message ?? fieldMessage(failure, "loginId")}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        {...register("password")}
        error={errors.password?.message ?? fieldMessage(failure, "password")}
      />
      <StepSubmit
        pending={pending}
        progress="Signing in as the device…"
        progressTestId="repair-progress"
        onBack={onBack}
      >
        Sign in and pair again
      </StepSubmit>
    </form>
  );
}
