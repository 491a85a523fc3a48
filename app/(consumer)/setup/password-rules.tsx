import type { PasswordRule } from "@/lib/onboarding/contract";

/** The rule shown before the consumer types, from the same PasswordRule the form and server check. */
export function PasswordRules({ rule }: { rule: PasswordRule }) {
  const classes = [
    rule.requireUpper ? "an upper-case letter" : null,
    rule.requireLower ? "a lower-case letter" : null,
    rule.requireDigit ? "a digit" : null,
  ].filter((item): item is string => item !== null);
  return (
    <div className="text-sm text-slate-700" data-testid="password-rules">
      <p className="font-semibold">The password needs:</p>
      <ul className="mt-1 list-disc pl-5">
        <li>
          {rule.minLength} to {rule.maxLength} characters
        </li>
        {classes.length > 0 ? <li>{classes.join(", ").replace(/, ([^,]*)$/, " and $1")}</li> : null}
        <li>to be hard to guess: common passwords, names and the username are refused</li>
      </ul>
    </div>
  );
}
