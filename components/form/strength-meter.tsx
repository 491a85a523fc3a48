import { scoreLabel, type PasswordEstimate } from "@/lib/onboarding/password-estimator";

export interface StrengthMeterProps {
  id: string;
  estimate: PasswordEstimate | null;
  minScore: number;
  /** The estimator's dictionaries are still loading. */
  loading: boolean;
}

const BAR_COLOURS = ["bg-red-700", "bg-red-700", "bg-amber-600", "bg-green-700", "bg-green-700"] as const;

/** The password's estimated strength as a bar and in words; the words are what assistive technology reads. */
export function StrengthMeter({ id, estimate, minScore, loading }: StrengthMeterProps) {
  const score = estimate?.score ?? -1;
  let text = "Strength: start typing to see how hard the password is to guess.";
  if (loading) text = "Strength: checking…";
  else if (estimate) {
    const verdict = estimate.score >= minScore ? "strong enough" : "too easy to guess";
    text = `Strength: ${scoreLabel(estimate.score)} (${verdict}).`;
  }
  const hint = estimate && estimate.score < minScore ? (estimate.warning ?? estimate.suggestions[0]) : null;
  return (
    <div className="flex flex-col gap-1" data-testid="password-strength">
      <div className="grid grid-cols-4 gap-1" aria-hidden="true">
        {[1, 2, 3, 4].map((step) => (
          <span
            key={step}
            className={`h-2 rounded-full ${score >= step ? (BAR_COLOURS[score] ?? "bg-green-700") : "bg-slate-200"}`}
          />
        ))}
      </div>
      <p id={id} aria-live="polite" className="text-sm text-slate-700">
        {text}
        {hint ? ` ${hint}` : ""}
      </p>
    </div>
  );
}
