/**
 * What survives a reload of the pairing step: the claim and device, kept in this tab's history entry (never the
 * QR secret, never the password), so a reload offers the renew form instead of starting over. Browser only.
 */
import { z } from "zod";
import type { PairingTicket } from "@/lib/onboarding/contract";

const HISTORY_KEY = "onboardPairing";

const savedPairingSchema = z.object({
  claimId: z.string(),
  sessionId: z.string(),
  loginId: z.string(),
  supportCode: z.string(),
  termsVersion: z.string(),
  device: z.object({
    serial: z.string(),
    model: z.string(),
    kemAlg: z.enum(["x25519", "p256"]),
    kemPublicKey: z.string(),
  }),
});
export type SavedPairing = z.infer<typeof savedPairingSchema>;

export function pairingOf(ticket: PairingTicket): SavedPairing {
  const { claimId, sessionId, loginId, supportCode, termsVersion, device } = ticket;
  return { claimId, sessionId, loginId, supportCode, termsVersion, device };
}

// The spread keeps Next.js's own entries (__NA, its router tree) in the history state.
export function savePairing(pairing: SavedPairing): void {
  window.history.replaceState({ ...window.history.state, [HISTORY_KEY]: pairing }, "");
}

export function forgetPairing(): void {
  const { [HISTORY_KEY]: _forgotten, ...rest } = (window.history.state ?? {}) as Record<string, unknown>;
  window.history.replaceState(rest, "");
}

export function readSavedPairing(): SavedPairing | null {
  const state = window.history.state as Record<string, unknown> | null;
  const parsed = savedPairingSchema.safeParse(state?.[HISTORY_KEY]);
  return parsed.success ? parsed.data : null;
}
