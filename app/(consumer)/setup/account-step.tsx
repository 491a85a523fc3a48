"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch, type FieldErrors, type Resolver } from "react-hook-form";
import { Button } from "@/components/form/button";
import { CheckboxField } from "@/components/form/checkbox-field";
import { ErrorSummary } from "@/components/form/error-summary";
import { StrengthMeter } from "@/components/form/strength-meter";
import { TextField } from "@/components/form/text-field";
import { SupportCode } from "@/components/setup/support-code";
import {
  accountSchema,
  loginIdSchema,
  type AccountInput,
  type CodeCheck,
  type PasswordRule,
} from "@/lib/onboarding/contract";
import {
  estimatePassword,
  loadPasswordEstimator,
  strengthProblem,
  type PasswordEstimate,
} from "@/lib/onboarding/password-estimator";
import { checkUsernameAction } from "./actions";
import { callAction, fieldMessage, type Failure } from "./action-result";
import { PasswordRules } from "./password-rules";
import { StepHeading } from "./step-heading";

const ACCOUNT_FIELDS = ["loginId", "password", "confirmPassword"] as const;
/** After the first blur, availability is re-checked this long after the last keystroke. */
const AVAILABILITY_DEBOUNCE_MS = 600;

export interface AccountStepProps {
  rule: PasswordRule;
  check: CodeCheck;
  code: string;
  initial: AccountInput | null;
  /** A claim that failed on these fields: its messages are shown on them. */
  failure: Failure | null;
  focusHeading: boolean;
  onBack: () => void;
  onContinue: (account: AccountInput) => void;
}

interface Availability {
  loginId: string;
  taken: boolean;
  message: string;
}

/** Words zxcvbn should treat as known to an attacker. */
function guessableWords(loginId: string, check: CodeCheck): string[] {
  return [loginId, check.device.serial, check.device.model, "onboard", "medium one", "mediumone"];
}

function serverErrors(failure: Failure | null): FieldErrors<AccountInput> | undefined {
  if (!failure) return undefined;
  const errors: FieldErrors<AccountInput> = {};
  for (const field of ACCOUNT_FIELDS) {
    const message = fieldMessage(failure, field);
    if (message) errors[field] = { type: "server", message };
  }
  return errors;
}

export function AccountStep(props: AccountStepProps) {
  const { rule, check, code, initial, failure, focusHeading, onBack, onContinue } = props;
  const [showPasswords, setShowPasswords] = useState(false);
  const [estimate, setEstimate] = useState<{ password: string; result: PasswordEstimate } | null>(null);
  const [availability, setAvailability] = useState<Availability | null>(null);
  const availabilityTimer = useRef<number | undefined>(undefined);
  const loginIdBlurred = useRef(false);

  // Memoised: react-hook-form applies `errors` again whenever the object changes.
  const serverMessages = useMemo(() => serverErrors(failure), [failure]);
  const resolver = useMemo<Resolver<AccountInput>>(() => {
    const schemaResolver = zodResolver(accountSchema(rule));
    // The schema checks the rule's characters; the estimator refuses common and guessable passwords on top.
    return async (values, context, options) => {
      const result = await schemaResolver(values, context, options);
      if (result.errors.password || !values.password) return result;
      const problem = strengthProblem(
        await estimatePassword(values.password, guessableWords(values.loginId, check)),
        rule,
      );
      if (!problem) return result;
      return { values: {}, errors: { ...result.errors, password: { type: "strength", message: problem } } };
    };
  }, [rule, check]);

  const {
    register,
    handleSubmit,
    control,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<AccountInput>({
    resolver,
    mode: "onTouched",
    defaultValues: initial ?? { loginId: "", password: "", confirmPassword: "" },
    errors: serverMessages,
  });
  const [loginId, password] = useWatch({ control, name: ["loginId", "password"] });

  // Fetch the dictionaries as soon as the step shows, not at the first keystroke.
  useEffect(() => {
    void loadPasswordEstimator();
  }, []);

  useEffect(() => {
    if (!password) return;
    let current = true;
    void estimatePassword(password, guessableWords(loginId, check)).then((result) => {
      if (current) setEstimate({ password, result });
    });
    return () => {
      current = false;
    };
  }, [password, loginId, check]);

  useEffect(() => () => window.clearTimeout(availabilityTimer.current), []);

  function checkAvailability(candidate: string, delayMs: number) {
    window.clearTimeout(availabilityTimer.current);
    const parsed = loginIdSchema.safeParse(candidate);
    if (!parsed.success) return;
    availabilityTimer.current = window.setTimeout(async () => {
      const result = await callAction(() =>
        checkUsernameAction({ attemptId: check.attemptId, code, loginId: parsed.data }),
      );
      if (result.ok) {
        setAvailability({
          loginId: parsed.data,
          taken: !result.data.available,
          message: result.data.available
            ? "This username is available."
            : "This username is taken. Please choose another.",
        });
      } else {
        const taken = fieldMessage(result, "loginId");
        // Rate limits and outages say nothing about the name; the claim checks it again anyway.
        setAvailability(taken ? { loginId: parsed.data, taken: true, message: taken } : null);
      }
    }, delayMs);
  }

  const loginIdField = register("loginId");

  const currentAvailability = availability?.loginId === loginId.trim() ? availability : null;
  const loginIdError =
    errors.loginId?.message ?? (currentAvailability?.taken ? currentAvailability.message : undefined);
  const strength = estimate?.password === password ? estimate.result : null;

  const onValid = (values: AccountInput) => {
    if (currentAvailability?.taken) {
      setFocus("loginId");
      return;
    }
    onContinue(values);
  };

  const summary = failure?.formError ? [{ message: failure.formError }] : [];

  return (
    <form noValidate onSubmit={handleSubmit(onValid)} className="flex flex-col gap-5">
      <StepHeading focusOnMount={focusHeading}>Choose the device&rsquo;s username and password</StepHeading>
      <SupportCode code={check.supportCode} />
      <div
        className="rounded-lg border-2 border-brand-700 bg-blue-50 p-4 text-slate-800"
        data-testid="credentials-notice"
      >
        <p className="font-semibold">These are the device&rsquo;s own credentials.</p>
        <p className="mt-1">
          They create the Medium One account of your {check.device.model} (serial {check.device.serial}) and
          will be stored on the device, so it can send its data. Use a password you do not use anywhere else.
        </p>
      </div>
      <ErrorSummary errors={summary} supportCode={failure?.supportCode} />
      <TextField
        label="Username"
        description="Letters, digits and . _ @ + - (an e-mail address works). At least 3 characters."
        autoComplete="username"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        {...loginIdField}
        onBlur={(event) => {
          void loginIdField.onBlur(event);
          loginIdBlurred.current = true;
          checkAvailability(event.target.value, 0);
        }}
        onChange={(event) => {
          void loginIdField.onChange(event);
          if (loginIdBlurred.current) checkAvailability(event.target.value, AVAILABILITY_DEBOUNCE_MS);
        }}
        error={loginIdError}
        footer={
          currentAvailability && !currentAvailability.taken && !errors.loginId ? (
            <p
              className="text-sm font-medium text-green-800"
              data-testid="username-available"
              aria-live="polite"
            >
              ✓ {currentAvailability.message}
            </p>
          ) : null
        }
      />
      <PasswordRules rule={rule} />
      <TextField
        label="Password"
        type={showPasswords ? "text" : "password"}
        autoComplete="new-password"
        {...register("password")}
        error={errors.password?.message}
        describedById="password-strength-text"
        footer={
          <StrengthMeter
            id="password-strength-text"
            estimate={strength}
            minScore={rule.minScore}
            loading={Boolean(password) && !strength}
          />
        }
      />
      <TextField
        label="Confirm password"
        type={showPasswords ? "text" : "password"}
        autoComplete="new-password"
        {...register("confirmPassword")}
        error={errors.confirmPassword?.message}
      />
      <CheckboxField
        label="Show passwords"
        checked={showPasswords}
        onChange={(event) => setShowPasswords(event.target.checked)}
      />
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-between">
        <Button variant="secondary" onClick={onBack}>
          Back
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          Continue
        </Button>
      </div>
    </form>
  );
}
