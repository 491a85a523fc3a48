"use client";
import { useEffect, useRef, type ReactNode } from "react";

export interface SummaryError {
  /** The id of the input the error belongs to, so the summary links to it. */
  fieldId?: string;
  message: string;
}

export interface ErrorSummaryProps {
  title?: string;
  errors: SummaryError[];
  /** What the consumer can quote to support. */
  supportCode?: string;
  /** Actions such as a retry button. */
  children?: ReactNode;
}

/**
 * The errors of a submit, in one place at the top of the form. The region is always in the page so screen readers
 * announce what appears in it; keyboard focus moves to it when a new set of errors arrives.
 */
export function ErrorSummary({
  title = "There is a problem",
  errors,
  supportCode,
  children,
}: ErrorSummaryProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const hasErrors = errors.length > 0;
  const signature = errors.map((e) => e.message).join("\n");
  useEffect(() => {
    if (signature) boxRef.current?.focus();
  }, [signature]);
  return (
    <div aria-live="assertive" aria-atomic="true">
      {hasErrors ? (
        <div
          ref={boxRef}
          tabIndex={-1}
          data-testid="error-summary"
          className="flex flex-col gap-2 rounded-lg border-2 border-red-700 bg-red-50 p-4"
        >
          <h2 className="text-lg font-bold text-red-800">{title}</h2>
          <ul className="flex list-disc flex-col gap-1 pl-5">
            {errors.map((error) => (
              <li key={`${error.fieldId ?? "form"}:${error.message}`}>
                {error.fieldId ? (
                  <a
                    href={`#${error.fieldId}`}
                    className="font-medium text-red-800 underline"
                    onClick={(event) => {
                      // Focus the field without writing a fragment into the address bar.
                      event.preventDefault();
                      document.getElementById(error.fieldId ?? "")?.focus();
                    }}
                  >
                    {error.message}
                  </a>
                ) : (
                  <span className="text-red-900">{error.message}</span>
                )}
              </li>
            ))}
          </ul>
          {supportCode ? (
            <p className="text-sm text-red-900">
              If you contact support, quote the support code <strong>{supportCode}</strong>.
            </p>
          ) : null}
          {children}
        </div>
      ) : null}
    </div>
  );
}
