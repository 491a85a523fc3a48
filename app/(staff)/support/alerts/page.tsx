import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Empty, Section } from "@/components/support/section";
import { Cell, Table } from "@/components/support/table";
import { Time } from "@/components/support/time";
import { requireStaffPermission } from "@/lib/auth/dal";
import { authRuntime } from "@/lib/auth/runtime";
import { ALERT_DEFAULTS, listAlerts } from "@/lib/onboarding/support-queries";

export const metadata: Metadata = { title: "Alerts" };

function DeviceLink({ id, serial }: { id: string; serial: string }) {
  return (
    <Link href={`/support/devices/${id}`} className="text-brand-700 underline underline-offset-4">
      {serial}
    </Link>
  );
}

/** One alert list: a section titled like its table, or a sentence saying there is nothing to look at. */
function AlertList<Row>({
  id,
  title,
  empty,
  head,
  rows,
  keyOf,
  children,
}: {
  id: string;
  title: string;
  empty: ReactNode;
  head: string[];
  rows: Row[];
  keyOf: (row: Row) => string;
  children: (row: Row) => ReactNode;
}) {
  return (
    <Section id={id} title={title}>
      {rows.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <Table label={title} head={head}>
          {rows.map((row) => (
            <tr key={keyOf(row)}>{children(row)}</tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

const byDevice = (row: { deviceId: string }) => row.deviceId;
const byClient = (row: { client: string }) => row.client;

/** What support should look at: contested boxes, setups failing again and again, guessed codes, replays. */
export default async function AlertsPage() {
  await requireStaffPermission("alerts.read");
  const { db, clock } = await authRuntime();
  const alerts = await listAlerts(db, { now: clock.now() });
  const threshold = ALERT_DEFAULTS.failureThreshold;
  return (
    <main id="main" className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-4 py-8">
      <h1 className="text-3xl font-bold">Alerts</h1>
      <AlertList
        id="multiple-clients"
        title="Pending claims from several clients"
        empty="No device has pending claims from more than one client."
        head={["Device", "Clients", "Pending claims"]}
        rows={alerts.multipleClients}
        keyOf={byDevice}
      >
        {(row) => (
          <>
            <Cell>
              <DeviceLink id={row.deviceId} serial={row.serial} />
            </Cell>
            <Cell>{row.clients}</Cell>
            <Cell>{row.pendingClaims}</Cell>
          </>
        )}
      </AlertList>
      <AlertList
        id="failures"
        title="Repeated failures"
        empty={`No client failed ${threshold} or more times in the last 24 hours.`}
        head={["Client", "Failed attempts (24 h)", "Last"]}
        rows={alerts.repeatedFailures}
        keyOf={byClient}
      >
        {(row) => (
          <>
            <Cell mono>{row.client}…</Cell>
            <Cell>{row.failures}</Cell>
            <Cell>
              <Time at={row.lastAt} />
            </Cell>
          </>
        )}
      </AlertList>
      <AlertList
        id="unmatched"
        title="Codes that matched no device"
        empty={`No client typed ${threshold} or more unknown codes in the last 24 hours.`}
        head={["Client", "Attempts (24 h)", "Last"]}
        rows={alerts.unmatchedCodes}
        keyOf={byClient}
      >
        {(row) => (
          <>
            <Cell mono>{row.client}…</Cell>
            <Cell>{row.attempts}</Cell>
            <Cell>
              <Time at={row.lastAt} />
            </Cell>
          </>
        )}
      </AlertList>
      <AlertList
        id="replays"
        title="Replays and bad signatures"
        empty="No signed device call failed to verify in the last 24 hours."
        head={["Device", "Bad signatures (24 h)", "Last"]}
        rows={alerts.badSignatures}
        keyOf={byDevice}
      >
        {(row) => (
          <>
            <Cell>
              <DeviceLink id={row.deviceId} serial={row.serial} />
            </Cell>
            <Cell>{row.count}</Cell>
            <Cell>
              <Time at={row.lastAt} />
            </Cell>
          </>
        )}
      </AlertList>
    </main>
  );
}
