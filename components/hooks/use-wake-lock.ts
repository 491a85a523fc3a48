"use client";
import { useEffect } from "react";

/**
 * Keeps the screen on while `active` (the consumer holds the device up to the QR). Where the browser has no Wake
 * Lock API, or refuses, nothing happens: the page works the same, the screen may just dim.
 */
export function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active || !("wakeLock" in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let released = false;
    const request = async () => {
      try {
        const lock = await navigator.wakeLock.request("screen");
        if (released) await lock.release();
        else sentinel = lock;
      } catch {
        // Refused (battery saver, not visible): the page still works.
      }
    };
    // The browser drops the lock when the tab is hidden; take it again when the consumer comes back.
    const onVisible = () => {
      if (document.visibilityState === "visible") void request();
    };
    void request();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      released = true;
      document.removeEventListener("visibilitychange", onVisible);
      void sentinel?.release().catch(() => undefined);
    };
  }, [active]);
}
