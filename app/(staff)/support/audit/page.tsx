import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/form/button";
import { TextField } from "@/components/form/text-field";
import { Empty } from "@/components/support/section";
import { Cell, Table } from "@/components/support/table";
import { Time } from "@/components/support/time";
import { SelectField } from "@/components/staff/select-field";
import { requireStaffPermission } from "@/lib/auth/dal";
import { authRuntime } from "@/lib/auth/runtime";
import { auditFilterOptions, readAuditLog } from "@/lib/support/audit-log";
import { describeDetails } from "@/lib/support/dossier";
import { auditFilterSchema } from "@/lib/support/schemas";

export const metadata: Metadata = { title: "Audit log" };

type Params = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const asInput = (date: Date | undefined) => (date ? date.toISOString().slice(0, 16) : undefined);

/** Admin: every audit event, filtered and paged; read-only (nothing in the code changes or deletes one). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireStaffPermission("audit.read");
  const raw = await searchParams;
  const parsed = auditFilterSchema.safeParse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])),
  );
  const filter = parsed.success ? parsed.data : auditFilterSchema.parse({});
  const timeError = parsed.success ? undefined : "Use a date and time.";
  const { db } = await authRuntime();
  const [log, options] = await Promise.all([readAuditLog(db, filter), auditFilterOptions(db)]);
  const pageHref = (page: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(raw)) {
      const v = first(value);
      if (v && key !== "page") query.set(key, v);
    }
    query.set("page", String(page));
    return `/support/audit?${query.toString()}`;
  };

  return (
    <main id="main" className="mx-auto flex w-full max-w-5xl flex-col gap-6 px-4 py-8">
      <h1 className="text-3xl font-bold">Audit log</h1>
      <form
        action="/support/audit"
        method="get"
        aria-label="Filter the audit log"
        className="grid grid-cols-1 gap-3 sm:grid-cols-2"
      >
        <SelectField
          name="staff"
          label="Staff member"
          defaultValue={filter.staff ?? ""}
          options={[
            { value: "", label: "Anyone" },
            ...options.staff.map((s) => ({ value: s.id, label: s.username })),
          ]}
        />
        <TextField
          name="device"
          label="Device serial"
          defaultValue={filter.device ?? ""}
          autoComplete="off"
        />
        <SelectField
          name="action"
          label="Action"
          defaultValue={filter.action ?? ""}
          options={[
            { value: "", label: "Any action" },
            ...options.actions.map((a) => ({ value: a, label: a })),
          ]}
        />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <TextField
            name="from"
            type="datetime-local"
            label="From (UTC)"
            defaultValue={asInput(filter.from)}
            error={timeError}
          />
          <TextField
            name="to"
            type="datetime-local"
            label="Until (UTC)"
            defaultValue={asInput(filter.to)}
            error={timeError}
          />
        </div>
        <div>
          <Button type="submit">Filter</Button>
        </div>
      </form>
      {log.events.length === 0 ? (
        <Empty>No audit events match.</Empty>
      ) : (
        <Table label="Audit events" head={["When", "Who", "What", "Device", "Reason", "Details"]}>
          {log.events.map((event) => (
            <tr key={event.id}>
              <Cell>
                <Time at={event.at} />
              </Cell>
              <Cell>
                {options.staff.find((s) => `staff:${s.id}` === event.actor)?.username ?? event.actor}
              </Cell>
              <Cell>{event.action}</Cell>
              <Cell>
                {event.deviceId && event.serial ? (
                  <Link href={`/support/devices/${event.deviceId}`} className="text-brand-700 underline">
                    {event.serial}
                  </Link>
                ) : (
                  "—"
                )}
              </Cell>
              <Cell>{event.reason ?? "—"}</Cell>
              <Cell mono>{describeDetails(event.details) ?? "—"}</Cell>
            </tr>
          ))}
        </Table>
      )}
      <nav aria-label="Audit log pages" className="flex gap-4">
        {log.page > 1 ? (
          <Link href={pageHref(log.page - 1)} className="min-h-11 text-brand-700 underline">
            Newer events
          </Link>
        ) : null}
        <span>Page {log.page}</span>
        {log.hasMore ? (
          <Link href={pageHref(log.page + 1)} className="min-h-11 text-brand-700 underline">
            Older events
          </Link>
        ) : null}
      </nav>
    </main>
  );
}
