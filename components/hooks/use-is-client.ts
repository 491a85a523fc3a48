"use client";
import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => undefined;

/** False during server rendering and hydration, true after: for what only the browser knows (fragment, history). */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
