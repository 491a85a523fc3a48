"use client";
import { useEffect, useEffectEvent, useState } from "react";

export interface CountdownProps {
  expiresAt: string;
  /** Called once when the time is up. */
  onExpire: () => void;
}

function remainingSeconds(expiresAt: string): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - Date.now()) / 1000));
}

function formatRemaining(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

/** Time left on the QR. A timer role is not announced every second; the status region says when it expires. */
export function Countdown({ expiresAt, onExpire }: CountdownProps) {
  const [seconds, setSeconds] = useState(() => remainingSeconds(expiresAt));
  // The parent's callback may change on every render; the ticking must not restart because of it.
  const expire = useEffectEvent(onExpire);
  useEffect(() => {
    let fired = false;
    const tick = () => {
      const left = remainingSeconds(expiresAt);
      setSeconds(left);
      if (left === 0 && !fired) {
        fired = true;
        expire();
      }
    };
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [expiresAt]);
  return (
    <p className="text-slate-700">
      The QR code expires in{" "}
      <span role="timer" aria-live="off" className="font-mono font-bold" data-testid="qr-countdown">
        {formatRemaining(seconds)}
      </span>
      .
    </p>
  );
}
