"use client";
import { Button } from "@/components/form/button";
import { StatusTimeline } from "@/components/pairing/status-timeline";
import type { PairingStatusView } from "@/lib/onboarding/contract";
import { pairingProgress } from "@/lib/onboarding/pairing-progress";
import type { SavedPairing } from "./saved-pairing";
import { StepHeading } from "./step-heading";
import { usePairingStatus } from "./use-pairing-status";

export interface DoneStepProps {
  pairing: SavedPairing;
  /** The status that said "connected" (the wizard fills in connectedAt if the server had none). */
  connected: PairingStatusView;
  focusHeading: boolean;
  onRestart: () => void;
}

/** The receipt. Where events can be read, it keeps watching for the device's first message. */
export function DoneStep({ pairing, connected, focusHeading, onRestart }: DoneStepProps) {
  const polled = usePairingStatus(pairing.sessionId, connected.firstMessage === false);
  const status = polled.status ?? connected;
  const progress = pairingProgress(status);
  const connectedAt = status.connectedAt ?? connected.connectedAt ?? "";

  return (
    <div className="flex flex-col gap-5">
      <StepHeading focusOnMount={focusHeading}>Your device is connected</StepHeading>
      <p className="text-lg text-slate-700">
        Your {pairing.device.model} received its credentials and connected to Medium One. You can close this
        page.
      </p>
      <p role="status" className="font-semibold" data-testid="pairing-status">
        {progress.announcement}
      </p>
      <StatusTimeline milestones={progress.milestones} />
      <section aria-labelledby="receipt-heading" className="rounded-lg border-2 border-slate-300 p-4">
        <h2 id="receipt-heading" className="mb-3 text-lg font-bold">
          Receipt
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2" data-testid="receipt">
          <dt className="text-slate-600">Device</dt>
          <dd data-testid="receipt-device">
            {pairing.device.model}, serial <span className="font-mono">{pairing.device.serial}</span>
          </dd>
          <dt className="text-slate-600">Username</dt>
          <dd data-testid="receipt-username" className="break-all">
            {pairing.loginId}
          </dd>
          <dt className="text-slate-600">Connected</dt>
          <dd data-testid="receipt-time">
            <time dateTime={connectedAt}>
              {new Date(connectedAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
            </time>
          </dd>
          <dt className="text-slate-600">Terms</dt>
          <dd data-testid="receipt-terms-version">version {pairing.termsVersion}</dd>
          <dt className="text-slate-600">Support code</dt>
          <dd data-testid="receipt-support-code" className="font-mono">
            {pairing.supportCode}
          </dd>
        </dl>
      </section>
      <p className="text-sm text-slate-600">
        Keep the support code: support uses it to find this setup if you ever need help with the device.
      </p>
      <Button variant="secondary" onClick={onRestart}>
        Set up another device
      </Button>
    </div>
  );
}
