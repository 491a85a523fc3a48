"use client";
import { useEffect, useEffectEvent, useState } from "react";
import { Button } from "@/components/form/button";
import { useWakeLock } from "@/components/hooks/use-wake-lock";
import { Countdown } from "@/components/pairing/countdown";
import { QrView } from "@/components/pairing/qr-view";
import { StatusTimeline } from "@/components/pairing/status-timeline";
import { SupportCode } from "@/components/setup/support-code";
import type { PairingStatusView, PairingTicket } from "@/lib/onboarding/contract";
import { pairingProgress } from "@/lib/onboarding/pairing-progress";
import type { WifiCredentials } from "@/lib/pairing/crypto";
import { RenewForm } from "./renew-form";
import type { SavedPairing } from "./saved-pairing";
import { StepHeading } from "./step-heading";
import { usePairingStatus } from "./use-pairing-status";
import { useSealedQr } from "./use-sealed-qr";
import { WifiFields } from "./wifi-fields";

export interface PairingStepProps {
  pairing: SavedPairing;
  /** Null after a reload: the QR secret is gone, so a new QR needs the password. */
  ticket: PairingTicket | null;
  focusHeading: boolean;
  onTicket: (ticket: PairingTicket) => void;
  onConnected: (status: PairingStatusView) => void;
  onRestart: () => void;
}

export function PairingStep({
  pairing,
  ticket,
  focusHeading,
  onTicket,
  onConnected,
  onRestart,
}: PairingStepProps) {
  // Kept here, above the QR, so a renewed QR carries the same Wi-Fi without asking again.
  const [wifi, setWifi] = useState<WifiCredentials | null>(null);
  const [expiredSession, setExpiredSession] = useState<string | null>(null);
  const [ending, setEnding] = useState<"lost" | "ended" | null>(null);
  const needsRenewal = ticket === null || expiredSession === ticket.sessionId;

  return (
    <div className="flex flex-col gap-5">
      <StepHeading focusOnMount={focusHeading}>
        {needsRenewal && !ending ? "Get a new QR code" : "Show this QR code to your device"}
      </StepHeading>
      <SupportCode code={pairing.supportCode} />
      {ending ? (
        <EndingNotice ending={ending} supportCode={pairing.supportCode} onRestart={onRestart} />
      ) : needsRenewal ? (
        <RenewForm
          claimId={pairing.claimId}
          loginId={pairing.loginId}
          reason={ticket === null ? "reloaded" : "expired"}
          onTicket={onTicket}
        />
      ) : (
        <ActivePairing
          key={ticket.sessionId}
          ticket={ticket}
          wifi={wifi}
          onWifi={setWifi}
          onExpired={() => setExpiredSession(ticket.sessionId)}
          onEnded={setEnding}
          onConnected={onConnected}
        />
      )}
    </div>
  );
}

interface ActivePairingProps {
  ticket: PairingTicket;
  wifi: WifiCredentials | null;
  onWifi: (wifi: WifiCredentials | null) => void;
  onExpired: () => void;
  onEnded: (ending: "lost" | "ended") => void;
  onConnected: (status: PairingStatusView) => void;
}

function ActivePairing({ ticket, wifi, onWifi, onExpired, onEnded, onConnected }: ActivePairingProps) {
  const qr = useSealedQr(ticket, wifi);
  const { status, unreachable } = usePairingStatus(ticket.sessionId);
  const progress = status ? pairingProgress(status) : null;
  useWakeLock(true);

  // Hands the outcome up once per status; the parent's callbacks are not a reason to run again.
  const settle = useEffectEvent((settled: PairingStatusView) => {
    const ending = pairingProgress(settled).outcome;
    if (ending === "connected") onConnected(settled);
    else if (ending === "expired") onExpired();
    else if (ending === "lost" || ending === "ended") onEnded(ending);
  });
  useEffect(() => {
    if (status) settle(status);
  }, [status]);

  const scanned = status !== null && status.stage !== "created";
  return (
    <div className="flex flex-col gap-5">
      <ol className="flex list-decimal flex-col gap-1 pl-6 text-slate-700">
        <li>Switch the device on and put it in pairing mode.</li>
        <li>Hold its camera 15 to 30 cm from this screen, facing the QR code.</li>
        <li>Keep this page open until it says the device is connected.</li>
      </ol>
      <div className="flex flex-col items-center gap-3">
        <QrView svg={qr.svg} label={`Pairing QR code for device ${ticket.device.serial}`} />
        {qr.error ? (
          <p className="font-medium text-red-700" role="alert">
            {qr.error}
          </p>
        ) : null}
        {!scanned ? (
          <Countdown key={ticket.expiresAt} expiresAt={ticket.expiresAt} onExpire={onExpired} />
        ) : null}
      </div>
      <p role="status" className="text-lg font-semibold" data-testid="pairing-status">
        {progress?.announcement ?? "Waiting for the device to scan the QR code."}
      </p>
      {unreachable ? (
        <p className="text-sm text-slate-600">Cannot reach the server right now; still trying…</p>
      ) : null}
      {progress ? <StatusTimeline milestones={progress.milestones} /> : null}
      <WifiFields wifi={wifi} onChange={onWifi} />
      <p className="text-sm text-slate-600">
        The QR code is sealed so that only device {ticket.device.serial} can read it. A photo of it is of no
        use to anyone else.
      </p>
    </div>
  );
}

function EndingNotice({
  ending,
  supportCode,
  onRestart,
}: {
  ending: "lost" | "ended";
  supportCode: string;
  onRestart: () => void;
}) {
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border-2 border-amber-700 bg-amber-50 p-4"
      data-testid={ending === "lost" ? "claim-lost-notice" : "claim-ended-notice"}
    >
      {ending === "lost" ? (
        <>
          <h2 className="text-lg font-bold">Another setup of this device won</h2>
          <p>
            The device scanned a QR code from another setup first, so it is now connected to that
            setup&rsquo;s account and this setup has ended. If that was not you or someone you know, contact
            support and quote the support code {supportCode}.
          </p>
        </>
      ) : (
        <>
          <h2 className="text-lg font-bold">This setup has ended</h2>
          <p>
            It was cancelled or is too old to finish. You can start again with the code on the box; if this
            keeps happening, contact support and quote the support code {supportCode}.
          </p>
        </>
      )}
      <Button variant="secondary" onClick={onRestart}>
        Start again
      </Button>
    </div>
  );
}
