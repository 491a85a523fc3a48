"use client";
import { useEffect, useState } from "react";
import { useIsClient } from "@/components/hooks/use-is-client";
import type { PasswordRule } from "@/lib/onboarding/contract";
import { SetupShell } from "./setup-shell";
import { SetupWizard, type WizardStart } from "./setup-wizard";

export interface SetupEntryProps {
  rule: PasswordRule;
  /** /s#CODE, the box label's link: the code is in the fragment, which no server ever sees. */
  readCodeFromFragment: boolean;
}

function readStart(readCodeFromFragment: boolean): WizardStart {
  const fragment = readCodeFromFragment ? decodeURIComponent(window.location.hash.slice(1)) : "";
  return { codeFromLabel: fragment.trim() || null };
}

/**
 * The wizard starts from what only the browser knows (the fragment, this tab's history entry), so it renders
 * after hydration; the server sends the shell.
 */
export function SetupEntry({ rule, readCodeFromFragment }: SetupEntryProps) {
  const isClient = useIsClient();
  // Read at the first render in the browser, before the effect below takes the fragment away.
  const [start] = useState(() => (typeof window === "undefined" ? null : readStart(readCodeFromFragment)));
  useEffect(() => {
    if (!readCodeFromFragment || !window.location.hash) return;
    // Take the code out of the address bar (and so out of bookmarks, history and shared links). Deferred one task
    // so Next's router has wrapped history.replaceState and updates its own idea of the URL too.
    const timer = window.setTimeout(() => {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }, 0);
    return () => window.clearTimeout(timer);
  }, [readCodeFromFragment]);
  if (!isClient || !start) return <SetupShell />;
  return <SetupWizard rule={rule} start={start} />;
}
