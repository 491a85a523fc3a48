import Link from "next/link";

/** The consumer pages' frame: a narrow, phone-first column with the brand, the page, and the terms link. */
export default function ConsumerLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-200">
        <div className="mx-auto flex max-w-xl items-center justify-between px-4 py-3">
          <Link href="/" className="text-lg font-bold text-brand-700">
            Onboard
          </Link>
          <span className="text-sm text-slate-600">Device setup</span>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-xl flex-1 px-4 py-6 sm:py-10">
        {children}
      </main>
      <footer className="border-t border-slate-200">
        <div className="mx-auto flex max-w-xl flex-wrap gap-x-4 gap-y-1 px-4 py-4 text-sm text-slate-600">
          <Link href="/terms" className="underline">
            Terms
          </Link>
          <span>Need help? Contact support and quote your support code.</span>
        </div>
      </footer>
    </div>
  );
}
