import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-16">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-slate-700">This page does not exist, or is not available yet.</p>
      <Link href="/" className="font-semibold text-brand-700 underline">
        Back to the start
      </Link>
    </main>
  );
}
