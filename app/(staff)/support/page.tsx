import type { Metadata } from "next";
import Link from "next/link";
import { Empty, Section } from "@/components/support/section";
import { Time } from "@/components/support/time";
import { requireStaffPermission } from "@/lib/auth/dal";
import { authRuntime } from "@/lib/auth/runtime";
import { supportRuntime } from "@/lib/support/runtime";
import { searchConsole, type SearchHit } from "@/lib/support/search";
import { SearchForm } from "./search-form";

export const metadata: Metadata = { title: "Search" };

/** Find a device or an attempt by serial, box code, Medium One username or support code. */
export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  await requireStaffPermission("device.search");
  const { q } = await searchParams;
  const query = typeof q === "string" ? q.slice(0, 200) : "";
  const { db } = await authRuntime();
  const { config } = await supportRuntime();
  const hits = query ? await searchConsole(db, config.secrets.codeHmacKey, query) : [];
  return (
    <main id="main" className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-8">
      <h1 className="text-3xl font-bold">Find a device or attempt</h1>
      <SearchForm query={query} />
      {query ? (
        <Section id="results" title="Results">
          {hits.length === 0 ? (
            <Empty>
              Nothing matches “{query}”. Check the spelling, or ask the customer for the support code.
            </Empty>
          ) : (
            <ul className="flex flex-col gap-3">
              {hits.map((hit) => (
                <li key={hit.kind === "device" ? hit.id : hit.attempt.supportCode}>
                  <Hit hit={hit} />
                </li>
              ))}
            </ul>
          )}
        </Section>
      ) : null}
    </main>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  if (hit.kind === "device") {
    return (
      <article className="flex flex-col gap-1 rounded-lg border-2 border-slate-300 p-4">
        <h3 className="text-lg font-semibold">
          <Link href={`/support/devices/${hit.id}`} className="text-brand-700 underline underline-offset-4">
            Device {hit.serial}
          </Link>
        </h3>
        <p className="text-slate-700">
          {hit.model} · batch {hit.batch} · code ends {hit.codeLast4} · {hit.owned ? "owned" : "no owner"} ·
          matched by {hit.matchedBy}
        </p>
      </article>
    );
  }
  const { attempt } = hit;
  const { device } = attempt;
  return (
    <article
      className="flex flex-col gap-1 rounded-lg border-2 border-amber-600 p-4"
      data-testid="attempt-hit"
    >
      <h3 className="text-lg font-semibold">Attempt {attempt.supportCode}</h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800">
        <dt className="font-semibold">Step reached</dt>
        <dd>{attempt.step}</dd>
        <dt className="font-semibold">Outcome</dt>
        <dd>{attempt.outcome}</dd>
        <dt className="font-semibold">Began</dt>
        <dd>
          <Time at={attempt.createdAt} />
        </dd>
        <dt className="font-semibold">Last step</dt>
        <dd>
          <Time at={attempt.updatedAt} />
        </dd>
        <dt className="font-semibold">Device</dt>
        <dd>
          {device ? (
            <Link
              href={`/support/devices/${device.id}`}
              className="text-brand-700 underline underline-offset-4"
            >
              Device {device.serial}
            </Link>
          ) : (
            "The code typed matched no device."
          )}
        </dd>
      </dl>
    </article>
  );
}
