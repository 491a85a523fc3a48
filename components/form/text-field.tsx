import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { fieldClassName } from "./field-styles";

export interface TextFieldProps extends ComponentPropsWithRef<"input"> {
  label: string;
  /** Shown between the label and the input, and read with it (aria-describedby). */
  description?: ReactNode;
  error?: string;
  /** Shown under the input (e.g. a strength meter); give it `describedById` to have it read with the input. */
  footer?: ReactNode;
  describedById?: string;
}

/** A labelled input whose description and error are tied to it, so a screen reader reads them together. */
export function TextField({
  label,
  description,
  error,
  footer,
  describedById,
  id,
  className = "",
  ...input
}: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const descriptionId = `${inputId}-description`;
  const errorId = `${inputId}-error`;
  const describedBy = [description ? descriptionId : null, error ? errorId : null, describedById ?? null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="font-semibold">
        {label}
      </label>
      {description ? (
        <div id={descriptionId} className="text-sm text-slate-600">
          {description}
        </div>
      ) : null}
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={`${fieldClassName} ${className}`}
        {...input}
      />
      {error ? <FieldError id={errorId} message={error} /> : null}
      {footer}
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="flex gap-1.5 text-sm font-medium text-red-700">
      <span aria-hidden="true">⚠</span>
      <span>{message}</span>
    </p>
  );
}
