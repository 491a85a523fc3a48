"use client";
import Link from "next/link";
import { Button } from "@/components/form/button";

/** An unexpected failure while rendering: no detail (it may not be meant for consumers), a way back. */
export default function ConsumerError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="flex flex-col gap-4" role="alert">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="text-slate-700">
        This page could not be shown. Nothing about your device has changed; you can try again.
      </p>
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button onClick={reset}>Try again</Button>
        <Link
          href="/setup"
          className="inline-flex min-h-12 items-center font-semibold text-brand-700 underline"
        >
          Start the setup again
        </Link>
      </div>
    </div>
  );
}
