import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { FieldError } from "./text-field";

export interface CheckboxFieldProps extends Omit<ComponentPropsWithRef<"input">, "type"> {
  label: ReactNode;
  error?: string;
}

export function CheckboxField({ label, error, id, ...input }: CheckboxFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const errorId = `${inputId}-error`;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-start gap-3">
        <input
          id={inputId}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="mt-0.5 size-6 shrink-0 accent-brand-700"
          {...input}
        />
        <label htmlFor={inputId} className="font-medium">
          {label}
        </label>
      </div>
      {error ? <FieldError id={errorId} message={error} /> : null}
    </div>
  );
}
