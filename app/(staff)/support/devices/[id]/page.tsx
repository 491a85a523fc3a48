import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Empty, Section } from "@/components/support/section";
import { Cell, Table } from "@/components/support/table";
import { Time } from "@/components/support/time";
import { requireStaffPermission } from "@/lib/auth/dal";
import { can } from "@/lib/auth/permissions";
import { authRuntime } from "@/lib/auth/runtime";
import { deviceDossier, type TimelineEntry } from "@/lib/support/dossier";
import { deviceClientKeys } from "@/lib/support/locks";
import { liveOwnerUser, type LiveOwnerUser } from "@/lib/support/owner-user";
import { supportRuntime } from "@/lib/support/runtime";
import {
  PasswordResetLinkForm,
  ReleaseForm,
  RepairLinkForm,
  RevokeForm,
  RotateCodeForm,
  UnlockForm,
} from "./device-actions";

export const metadata: Metadata = { title: "Device" };

/** One device: what it is, who owns it, every claim, session, lock and alert, its timeline, and the actions. */
export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaffPermission("device.read");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const { db, clock } = await authRuntime();
  const { mediumOne } = await supportRuntime();
  const dossier = await deviceDossier(db, id, clock.now());
  if (!dossier) notFound();
  const { device, owner } = dossier;
  const live = owner ? await liveOwnerUser(mediumOne, owner.loginId) : null;
  const clients = can(staff.role, "device.unlock") ? await deviceClientKeys(db, device.id) : [];

  return (
    <main id="main" className="mx-auto flex w-full max-w-5xl flex-col gap-8 px-4 py-8">
      <h1 className="text-3xl font-bold break-words">Device {device.serial}</h1>

      <Section id="summary" title="Summary">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">Status</dt>
          <dd>{device.status === "active" ? "Active" : "Retired"}</dd>
          <dt className="font-semibold">Model</dt>
          <dd>{device.model}</dd>
          <dt className="font-semibold">Batch</dt>
          <dd>
            {device.batch} ({device.batchKind})
          </dd>
          <dt className="font-semibold">Box code ends</dt>
          <dd className="font-mono">{device.codeLast4}</dd>
          <dt className="font-semibold">Owner</dt>
          <dd data-testid="device-owner">
            {owner ? (
              <>
                {owner.loginId} (since <Time at={owner.settledAt} />)
              </>
            ) : (
              "No owner: the box code can be claimed"
            )}
          </dd>
          <dt className="font-semibold">Ownership changes</dt>
          <dd>{device.ownerEpoch}</dd>
          <dt className="font-semibold">Medium One user</dt>
          <dd data-testid="medium-one-user">{owner && live ? describeLive(owner.loginId, live) : "—"}</dd>
        </dl>
      </Section>

      <Section id="alerts" title="Alerts">
        {dossier.alerts.length === 0 ? (
          <Empty>No alerts for this device.</Empty>
        ) : (
          <ul className="flex list-disc flex-col gap-1 pl-6">
            {dossier.alerts.map((alert, index) => (
              <li key={`${alert.at.toISOString()}-${index}`}>
                <Time at={alert.at} />: {alert.what} {alert.detail ? `(${alert.detail})` : ""}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="claims" title="Claims">
        {dossier.claims.length === 0 ? (
          <Empty>Nobody has claimed this device.</Empty>
        ) : (
          <Table label="Claims" head={["Username", "State", "Created", "Expires", "Ended", "Client"]}>
            {dossier.claims.map((claim) => (
              <tr key={claim.id}>
                <Cell>{claim.loginId}</Cell>
                <Cell>
                  {claim.state}
                  {claim.endReason ? ` (${claim.endReason})` : ""}
                </Cell>
                <Cell>
                  <Time at={claim.createdAt} />
                </Cell>
                <Cell>
                  <Time at={claim.expiresAt} />
                </Cell>
                <Cell>
                  <Time at={claim.endedAt} />
                </Cell>
                <Cell mono>{claim.clientKey?.slice(0, 12) ?? "—"}</Cell>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section id="sessions" title="Pairing sessions">
        {dossier.sessions.length === 0 ? (
          <Empty>No pairing sessions.</Empty>
        ) : (
          <Table
            label="Pairing sessions"
            head={[
              "Stage",
              "Username",
              "Created",
              "Expires",
              "Scanned",
              "Redeemed",
              "Delivered",
              "Connected",
            ]}
          >
            {dossier.sessions.map((session) => (
              <tr key={session.id}>
                <Cell>
                  {session.stage}
                  {session.cancelReason ? ` (${session.cancelReason})` : ""}
                </Cell>
                <Cell>{dossier.claims.find((c) => c.id === session.claimId)?.loginId ?? "—"}</Cell>
                <Cell>
                  <Time at={session.createdAt} />
                </Cell>
                <Cell>
                  <Time at={session.expiresAt} />
                </Cell>
                <Cell>
                  <Time at={session.scannedAt} />
                </Cell>
                <Cell>
                  <Time at={session.redeemedAt} />
                </Cell>
                <Cell>
                  <Time at={session.deliveredAt} />
                </Cell>
                <Cell>
                  <Time at={session.connectedAt} />
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section id="terms" title="Terms acceptance">
        {dossier.terms.length === 0 ? (
          <Empty>No terms accepted for this device.</Empty>
        ) : (
          <ul className="flex list-disc flex-col gap-1 pl-6">
            {dossier.terms.map((terms) => (
              <li key={terms.claimId}>
                {terms.loginId} accepted version {terms.termsVersion} on <Time at={terms.acceptedAt} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="locks" title="Locks">
        {dossier.locks.length === 0 ? (
          <Empty>No rate limits or budgets are counting for this device or its clients.</Empty>
        ) : (
          <Table label="Locks" head={["Limit", "For", "Used", "Resets"]}>
            {dossier.locks.map((lock) => (
              <tr key={lock.key}>
                <Cell mono>{lock.key.split(":")[0]}</Cell>
                <Cell>{lock.scope === "device" ? "this device" : `client ${lock.scope.slice(7, 19)}…`}</Cell>
                <Cell>{lock.points}</Cell>
                <Cell>
                  <Time at={lock.expire} />
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section id="links" title="Links sent">
        {dossier.links.length === 0 ? (
          <Empty>No re-pair or password reset links.</Empty>
        ) : (
          <Table label="Links sent" head={["Kind", "By", "Created", "Expires", "Used", "New password"]}>
            {dossier.links.map((link) => (
              <tr key={link.id}>
                <Cell>{link.kind === "repair" ? "Re-pair" : "Password reset"}</Cell>
                <Cell>{link.createdBy}</Cell>
                <Cell>
                  <Time at={link.createdAt} />
                </Cell>
                <Cell>
                  <Time at={link.expiresAt} />
                </Cell>
                <Cell>
                  <Time at={link.usedAt} />
                </Cell>
                <Cell>
                  {link.kind === "repair"
                    ? "—"
                    : link.passwordAppliedAt
                      ? "applied at the device's redemption"
                      : link.passwordHeld
                        ? "held until the device redeems"
                        : "none"}
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section id="timeline" title="Timeline">
        <Timeline entries={dossier.timeline} />
      </Section>

      <Section id="actions" title="Actions">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {can(staff.role, "device.repair_link") ? <RepairLinkForm deviceId={device.id} /> : null}
          {can(staff.role, "device.password_reset_link") ? (
            <PasswordResetLinkForm deviceId={device.id} available={mediumOne.account.can("patchUser")} />
          ) : null}
          {can(staff.role, "device.revoke_pairings") ? <RevokeForm deviceId={device.id} /> : null}
          {can(staff.role, "device.unlock") ? <UnlockForm deviceId={device.id} clients={clients} /> : null}
          {can(staff.role, "device.release") ? (
            <ReleaseForm
              deviceId={device.id}
              canChangeUsers={mediumOne.account.can("patchUser") && mediumOne.account.can("deleteUser")}
            />
          ) : null}
          {can(staff.role, "device.rotate_code") ? <RotateCodeForm deviceId={device.id} /> : null}
        </div>
      </Section>
    </main>
  );
}

function describeLive(loginId: string, live: LiveOwnerUser): string {
  switch (live.state) {
    case "found":
      return `${loginId}: ${live.disabled ? "disabled" : "enabled"}${live.hasMqttId ? ", has an MQTT ID" : ""} (live from Medium One)`;
    case "not_found":
      return `${loginId} does not exist at Medium One.`;
    case "cannot_read":
      return "Not shown: this deployment's Medium One account is registration-only and cannot read users. Check the Medium One portal.";
    case "unreachable":
      return "Medium One did not answer; reload to try again.";
  }
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <Empty>Nothing has happened to this device yet.</Empty>;
  return (
    <ol className="flex flex-col gap-2" data-testid="timeline">
      {entries.map((entry, index) => (
        <li key={`${entry.at.toISOString()}-${index}`} className="rounded border border-slate-200 p-3">
          <p className="flex flex-wrap gap-x-3">
            <Time at={entry.at} />
            <strong>{entry.what}</strong>
            {entry.actor ? <span className="text-slate-700">by {entry.actor}</span> : null}
            {entry.supportCode ? <span className="font-mono">support code {entry.supportCode}</span> : null}
          </p>
          {entry.reason ? <p>Reason: {entry.reason}</p> : null}
          {entry.detail ? <p className="text-sm break-all text-slate-600">{entry.detail}</p> : null}
        </li>
      ))}
    </ol>
  );
}
