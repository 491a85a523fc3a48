export interface StepperProps {
  steps: readonly string[];
  /** Index into `steps`. */
  current: number;
}

/** Where the consumer is in the setup: a list with the current step marked for assistive technology. */
export function Stepper({ steps, current }: StepperProps) {
  return (
    <nav aria-label="Setup progress" data-testid="stepper">
      <p className="mb-2 text-sm font-medium text-slate-600">
        Step {current + 1} of {steps.length}
      </p>
      <ol className="flex gap-1">
        {steps.map((label, index) => {
          const state = index < current ? "done" : index === current ? "current" : "todo";
          return (
            <li
              key={label}
              aria-current={state === "current" ? "step" : undefined}
              className="flex flex-1 flex-col gap-1"
            >
              <span
                aria-hidden="true"
                className={`h-1.5 rounded-full ${state === "todo" ? "bg-slate-200" : "bg-brand-700"}`}
              />
              <span
                className={`text-xs sm:text-sm ${state === "current" ? "font-bold text-slate-900" : "text-slate-600"}`}
              >
                <span className="sr-only">
                  {state === "done" ? "Completed: " : state === "todo" ? "Next: " : ""}
                </span>
                {label}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
