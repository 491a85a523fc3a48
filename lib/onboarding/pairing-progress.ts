/**
 * What the pairing page shows for a polled PairingStatusView: the timeline's milestones, one sentence to announce,
 * and whether to keep polling. Pure and browser-safe, so every status is tested without a browser.
 */
import type { PairingStatusView } from "./contract";

export type MilestoneId = "scanned" | "delivered" | "connected" | "first_message";
export type MilestoneState = "done" | "current" | "todo";

export interface Milestone {
  id: MilestoneId;
  label: string;
  state: MilestoneState;
}

/** `active`: the QR is still the thing to show; the others end the pairing screen one way or another. */
export type PairingOutcome = "active" | "connected" | "expired" | "lost" | "ended";

export interface PairingProgress {
  outcome: PairingOutcome;
  milestones: Milestone[];
  /** The sentence for the polite live region. */
  announcement: string;
  /** False once nothing more can change, so the page stops asking. */
  keepPolling: boolean;
}

/** Each milestone reads as a task while it is awaited and as a fact once reached. */
const LABELS: Record<MilestoneId, { pending: string; done: string }> = {
  scanned: { pending: "Waiting for the device to scan the QR code", done: "QR code scanned" },
  delivered: {
    pending: "Sending the credentials to the device",
    done: "Credentials delivered to the device",
  },
  connected: { pending: "Device connecting to Medium One", done: "Device connected to Medium One" },
  first_message: { pending: "Waiting for the device's first message", done: "First message received" },
};

const STAGE_RANK: Record<PairingStatusView["stage"], number> = {
  created: 0,
  expired: 0,
  cancelled: 0,
  scanned: 1,
  delivered: 2,
  connected: 3,
};

function outcomeOf(status: PairingStatusView): PairingOutcome {
  if (status.claim === "lost") return "lost";
  if (status.stage === "connected") return "connected";
  if (status.claim === "ended" || status.stage === "cancelled") return "ended";
  if (status.stage === "expired") return "expired";
  return "active";
}

const ENDING_ANNOUNCEMENTS: Record<Exclude<PairingOutcome, "active" | "connected">, string> = {
  lost: "Another setup of this device finished first, so this one has ended.",
  ended: "This setup has ended.",
  expired: "The QR code has expired. Enter the device's password to get a new one.",
};

export function pairingProgress(status: PairingStatusView): PairingProgress {
  const outcome = outcomeOf(status);
  const rank = STAGE_RANK[status.stage];
  const ids: MilestoneId[] = ["scanned", "delivered", "connected"];
  // Shown only where the deployment can read events; null means it cannot.
  if (status.firstMessage !== null) ids.push("first_message");
  const isDone = (id: MilestoneId, index: number) =>
    id === "first_message" ? status.firstMessage === true : rank > index;
  const keepPolling = outcome === "active" || (outcome === "connected" && status.firstMessage === false);
  const currentIndex = keepPolling ? ids.findIndex((id, index) => !isDone(id, index)) : -1;
  const milestones = ids.map((id, index): Milestone => {
    const state: MilestoneState = isDone(id, index) ? "done" : index === currentIndex ? "current" : "todo";
    return { id, state, label: state === "done" ? LABELS[id].done : LABELS[id].pending };
  });
  let announcement: string;
  if (outcome === "active" || outcome === "connected") {
    const current = milestones[currentIndex];
    const lastDone = milestones.filter((m) => m.state === "done").at(-1);
    announcement = [lastDone?.label, current?.label].filter(Boolean).join(". ") + ".";
  } else {
    announcement = ENDING_ANNOUNCEMENTS[outcome];
  }
  return { outcome, milestones, announcement, keepPolling };
}
