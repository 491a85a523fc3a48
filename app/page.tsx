import Link from "next/link";

export default function HomePage() {
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-6 px-4 py-10 sm:py-16">
      <header className="flex flex-col gap-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Onboard</p>
        <h1 className="text-3xl font-bold leading-tight sm:text-4xl">
          Get your new device online in two minutes
        </h1>
        <p className="text-lg text-slate-700">
          Onboard connects the device you just unboxed to the Medium One IoT cloud. You enter the code printed
          on the box, choose a username and password for the device, and show it a QR code on this screen. The
          device does the rest.
        </p>
      </header>
      <ol className="flex list-decimal flex-col gap-2 pl-6 text-slate-700">
        <li>Find the device code on the box or its QR sticker.</li>
        <li>Choose the device&rsquo;s username and password.</li>
        <li>Hold the device up to the pairing QR code.</li>
      </ol>
      <Link
        href="/setup"
        className="inline-flex min-h-12 items-center justify-center rounded-lg bg-brand-700 px-6 text-lg font-semibold text-white hover:bg-brand-600"
      >
        Set up your device
      </Link>
      <p className="text-sm text-slate-600">
        Already set up and need to pair again after a reset? Start the same way: we will ask for the
        device&rsquo;s current username and password.
      </p>
    </main>
  );
}
