import type { ReactNode } from "react";
import { Button } from "@/components/form/button";

/**
 * The foot of a step whose submit calls the server: a status line that says what is happening while it runs (read
 * out by screen readers), Back, and the submit button; both buttons wait while the call is in flight.
 */
export function StepSubmit({
  pending,
  progress,
  progressTestId,
  onBack,
  children,
}: {
  pending: boolean;
  progress: string;
  progressTestId: string;
  onBack: () => void;
  children: ReactNode;
}) {
  return (
    <>
      <p role="status" className="text-slate-700" data-testid={progressTestId}>
        {pending ? progress : ""}
      </p>
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-between">
        <Button variant="secondary" onClick={onBack} disabled={pending}>
          Back
        </Button>
        <Button type="submit" disabled={pending}>
          {children}
        </Button>
      </div>
    </>
  );
}
