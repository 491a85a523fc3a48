import type { Milestone } from "@/lib/onboarding/pairing-progress";

const MARKS = { done: "✓", current: "…", todo: "" } as const;
const SR_STATE = { done: "done", current: "in progress", todo: "not yet" } as const;

/** The pairing's milestones, reached ones ticked. The live announcement is separate (see the pairing step). */
export function StatusTimeline({ milestones }: { milestones: Milestone[] }) {
  return (
    <ol aria-label="Pairing progress" className="flex flex-col gap-2" data-testid="pairing-timeline">
      {milestones.map((milestone) => (
        <li key={milestone.id} data-state={milestone.state} className="flex items-center gap-3">
          <span
            aria-hidden="true"
            className={`flex size-7 shrink-0 items-center justify-center rounded-full text-sm font-bold ${
              milestone.state === "done"
                ? "bg-green-700 text-white"
                : milestone.state === "current"
                  ? "border-2 border-brand-700 text-brand-700"
                  : "border-2 border-slate-300"
            }`}
          >
            {MARKS[milestone.state]}
          </span>
          <span className={milestone.state === "todo" ? "text-slate-500" : "font-medium text-slate-900"}>
            {milestone.label}
            <span className="sr-only"> ({SR_STATE[milestone.state]})</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
