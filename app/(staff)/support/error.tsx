"use client";
import { Button } from "@/components/form/button";

/** A console page failed to load: say so plainly, with the reference the server logged, and offer a retry. */
export default function SupportError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="mx-auto flex w-full max-w-5xl flex-col gap-4 px-4 py-8">
      <h1 className="text-3xl font-bold">This page could not be loaded</h1>
      <p role="alert" className="text-slate-800">
        Something went wrong on the server. Nothing was changed.
        {error.digest ? ` Reference: ${error.digest}.` : ""}
      </p>
      <div>
        <Button onClick={reset}>Try again</Button>
      </div>
    </main>
  );
}
