const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

/** A moment as the console shows every time: UTC, with a machine-readable value. */
export function Time({ at }: { at: Date | null }) {
  if (!at) return <span className="text-slate-500">—</span>;
  return <time dateTime={at.toISOString()}>{dateTime.format(at)} UTC</time>;
}
