/** The console's shell while a page loads: the same width and heading slot, so nothing jumps. */
export default function SupportLoading() {
  return (
    <main id="main" className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-8" aria-busy="true">
      <div className="h-9 w-64 animate-pulse rounded bg-slate-200" />
      <p role="status" className="text-slate-700">
        Loading…
      </p>
    </main>
  );
}
