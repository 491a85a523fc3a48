"use client";
import { useEffect, useState } from "react";
import type { PairingStatusView } from "@/lib/onboarding/contract";
import { pairingProgress } from "@/lib/onboarding/pairing-progress";

export const STATUS_POLL_MS = 1500;

export interface PolledStatus {
  status: PairingStatusView | null;
  /** The last poll failed (network, server restart); polling goes on. */
  unreachable: boolean;
}

/**
 * Polls GET /api/setup/status for one pairing session until nothing more can change. The session id is not a
 * secret (the QR secret is), so it may travel in the query string.
 */
export function usePairingStatus(sessionId: string, enabled = true): PolledStatus {
  const [polled, setPolled] = useState<PolledStatus & { sessionId: string }>({
    sessionId,
    status: null,
    unreachable: false,
  });

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      let keepPolling = true;
      try {
        const response = await fetch(`/api/setup/status?session=${encodeURIComponent(sessionId)}`, {
          cache: "no-store",
          headers: { accept: "application/json" },
        });
        if (!response.ok) throw new Error(`status ${response.status}`);
        const status = (await response.json()) as PairingStatusView;
        keepPolling = pairingProgress(status).keepPolling;
        if (!stopped) setPolled({ sessionId, status, unreachable: false });
      } catch {
        if (!stopped) setPolled((previous) => ({ ...previous, sessionId, unreachable: true }));
      }
      if (!stopped && keepPolling) timer = window.setTimeout(poll, STATUS_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [sessionId, enabled]);

  // A new session starts from nothing rather than from the previous session's answer.
  return polled.sessionId === sessionId ? polled : { status: null, unreachable: false };
}
