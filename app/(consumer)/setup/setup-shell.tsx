/** What the setup looks like before its script runs: the same frame, so nothing jumps when the wizard appears. */
export function SetupShell() {
  return (
    <div className="flex flex-col gap-6" aria-busy="true" data-testid="setup-loading">
      <div className="h-12 rounded bg-slate-100" />
      <h1 className="text-2xl font-bold leading-tight sm:text-3xl">Set up your device</h1>
      <p className="text-slate-600">Loading…</p>
    </div>
  );
}
