"use client";
import { useEffect } from "react";

/** How often, at most, activity renews the session (next-auth `updateAge`, lib/auth/options.ts). */
const RENEW_EVERY_MS = 5 * 60 * 1000;

/**
 * Sessions last 30 minutes. Server components cannot rewrite the cookie, so while the staff member is active
 * (keys, clicks, taps) this asks next-auth's session endpoint, which re-issues it, at most every 5 minutes. An idle
 * console therefore signs out after 30 minutes.
 */
export function SessionKeepAlive() {
  useEffect(() => {
    let last = Date.now();
    const renew = () => {
      if (Date.now() - last < RENEW_EVERY_MS) return;
      last = Date.now();
      void fetch("/api/auth/session", { credentials: "same-origin" });
    };
    window.addEventListener("keydown", renew);
    window.addEventListener("pointerdown", renew);
    return () => {
      window.removeEventListener("keydown", renew);
      window.removeEventListener("pointerdown", renew);
    };
  }, []);
  return null;
}
