import type { Metadata } from "next";
import { TERMS_SECTIONS, TERMS_TITLE, TERMS_VERSION } from "@/lib/onboarding/terms";

export const metadata: Metadata = { title: "Terms" };

export default function TermsPage() {
  return (
    <article className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{TERMS_TITLE}</h1>
        <p className="text-slate-600">
          Version <span data-testid="terms-version">{TERMS_VERSION}</span>
        </p>
      </header>
      {TERMS_SECTIONS.map((section) => (
        <section key={section.heading} className="flex flex-col gap-2">
          <h2 className="text-lg font-bold">{section.heading}</h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph} className="text-slate-800">
              {paragraph}
            </p>
          ))}
        </section>
      ))}
    </article>
  );
}
