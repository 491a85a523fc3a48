import type { ReactNode } from "react";

/**
 * A table that scrolls sideways on a narrow phone instead of squeezing its columns; the scroll region is
 * focusable and named, so keyboard users can scroll it too.
 */
export function Table({ label, head, children }: { label: string; head: string[]; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-300"
    >
      <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
        <thead className="bg-slate-100">
          <tr>
            {head.map((title) => (
              <th key={title} scope="col" className="px-3 py-2 font-semibold">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, mono = false }: { children: ReactNode; mono?: boolean }) {
  return <td className={`px-3 py-2 align-top ${mono ? "font-mono text-xs break-all" : ""}`}>{children}</td>;
}
