import type { Metadata } from "next";
import Link from "next/link";
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

/** What support should look at: contested boxes, setups failing again and again, guessed codes, replays. */
export default async function AlertsPage() {
  await requireStaffPermission("alerts.read");
  const { db, clock } = await authRuntime();
  const alerts = await listAlerts(db, { now: clock.now() });
  return (
    <main id="main" className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-4 py-8">
      <h1 className="text-3xl font-bold">Alerts</h1>
      <Section id="multiple-clients" title="Pending claims from several clients">
        {alerts.multipleClients.length === 0 ? (
          <Empty>No device has pending claims from more than one client.</Empty>
        ) : (
          <Table label="Pending claims from several clients" head={["Device", "Clients", "Pending claims"]}>
            {alerts.multipleClients.map((row) => (
              <tr key={row.deviceId}>
                <Cell>
                  <DeviceLink id={row.deviceId} serial={row.serial} />
                </Cell>
                <Cell>{row.clients}</Cell>
                <Cell>{row.pendingClaims}</Cell>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section id="failures" title="Repeated failures">
        {alerts.repeatedFailures.length === 0 ? (
          <Empty>
            No client failed {ALERT_DEFAULTS.failureThreshold} or more times in the last 24 hours.
          </Empty>
        ) : (
          <Table label="Repeated failures" head={["Client", "Failed attempts (24 h)", "Last"]}>
            {alerts.repeatedFailures.map((row) => (
              <tr key={row.client}>
                <Cell mono>{row.client}…</Cell>
                <Cell>{row.failures}</Cell>
                <Cell>
                  <Time at={row.lastAt} />
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section id="unmatched" title="Codes that matched no device">
        {alerts.unmatchedCodes.length === 0 ? (
          <Empty>
            No client typed {ALERT_DEFAULTS.failureThreshold} or more unknown codes in the last 24 hours.
          </Empty>
        ) : (
          <Table label="Codes that matched no device" head={["Client", "Attempts (24 h)", "Last"]}>
            {alerts.unmatchedCodes.map((row) => (
              <tr key={row.client}>
                <Cell mono>{row.client}…</Cell>
                <Cell>{row.attempts}</Cell>
                <Cell>
                  <Time at={row.lastAt} />
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section id="replays" title="Replays and bad signatures">
        {alerts.badSignatures.length === 0 ? (
          <Empty>No signed device call failed to verify in the last 24 hours.</Empty>
        ) : (
          <Table label="Replays and bad signatures" head={["Device", "Bad signatures (24 h)", "Last"]}>
            {alerts.badSignatures.map((row) => (
              <tr key={row.deviceId}>
                <Cell>
                  <DeviceLink id={row.deviceId} serial={row.serial} />
                </Cell>
                <Cell>{row.count}</Cell>
                <Cell>
                  <Time at={row.lastAt} />
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </Section>
    </main>
  );
}
