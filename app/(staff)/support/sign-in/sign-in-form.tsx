"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/form/button";
import { ErrorSummary } from "@/components/form/error-summary";
import { TextField } from "@/components/form/text-field";
import { SIGN_IN_LOCKED } from "@/lib/auth/sign-in-codes";

/** One message for a wrong password, an unknown username and a disabled account: none says which it was. */
function messageFor(error: string): string {
  return error === SIGN_IN_LOCKED
    ? "Too many failed sign-ins. Wait 15 minutes, then try again."
    : "The username or password is not right.";
}

type FieldErrors = { username?: string; password?: string };

export function SignInForm({ initialError }: { initialError?: string }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState(initialError ? messageFor(initialError) : "");
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const username = String(data.get("username") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const errors: FieldErrors = {
      ...(username ? {} : { username: "Enter your username." }),
      ...(password ? {} : { password: "Enter your password." }),
    };
    setFieldErrors(errors);
    setFormError("");
    if (errors.username || errors.password) return;
    setPending(true);
    try {
      const result = await signIn("credentials", { redirect: false, username, password });
      if (!result || result.error) {
        setFormError(messageFor(result?.error ?? ""));
        return;
      }
      // The server page now sees the session and sends the staff member on.
      router.refresh();
    } catch {
      setFormError("The sign-in service did not answer. Try again in a moment.");
    } finally {
      setPending(false);
    }
  }

  const summary = [
    ...(fieldErrors.username ? [{ fieldId: "username", message: fieldErrors.username }] : []),
    ...(fieldErrors.password ? [{ fieldId: "password", message: fieldErrors.password }] : []),
    ...(formError ? [{ message: formError }] : []),
  ];

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5" aria-busy={pending}>
      <ErrorSummary title="Could not sign in" errors={summary} />
      <TextField
        id="username"
        name="username"
        label="Username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        error={fieldErrors.username}
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        error={fieldErrors.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
