import { describe, expect, it } from "vitest";
import type { PairingStatusView } from "@/lib/onboarding/contract";
import { pairingProgress } from "@/lib/onboarding/pairing-progress";

function status(overrides: Partial<PairingStatusView>): PairingStatusView {
  return {
    stage: "created",
    claim: "pending",
    expiresAt: "2026-11-25T12:10:00.000Z",
    connectedAt: null,
    firstMessage: null,
    ...overrides,
  };
}

const states = (view: PairingStatusView) => pairingProgress(view).milestones.map((m) => `${m.id}:${m.state}`);

describe("pairingProgress", () => {
  it("waits for the scan on a fresh session", () => {
    const progress = pairingProgress(status({}));
    expect(progress.outcome).toBe("active");
    expect(states(status({}))).toEqual(["scanned:current", "delivered:todo", "connected:todo"]);
    expect(progress.announcement).toBe("Waiting for the device to scan the QR code.");
    expect(progress.keepPolling).toBe(true);
  });

  it("moves through scanned and delivered", () => {
    expect(states(status({ stage: "scanned" }))).toEqual([
      "scanned:done",
      "delivered:current",
      "connected:todo",
    ]);
    expect(pairingProgress(status({ stage: "scanned" })).announcement).toBe(
      "QR code scanned. Sending the credentials to the device.",
    );
    expect(states(status({ stage: "delivered", claim: "owner" }))).toEqual([
      "scanned:done",
      "delivered:done",
      "connected:current",
    ]);
  });

  it("stops polling when connected and events cannot be read", () => {
    const progress = pairingProgress(status({ stage: "connected", claim: "owner", firstMessage: null }));
    expect(progress.outcome).toBe("connected");
    expect(progress.keepPolling).toBe(false);
    expect(progress.milestones.every((m) => m.state === "done")).toBe(true);
    expect(progress.announcement).toBe("Device connected to Medium One.");
  });

  it("keeps polling for the first message where events can be read, then stops", () => {
    const waiting = pairingProgress(status({ stage: "connected", claim: "owner", firstMessage: false }));
    expect(waiting.keepPolling).toBe(true);
    expect(waiting.milestones.at(-1)).toEqual({
      id: "first_message",
      label: "Waiting for the device's first message",
      state: "current",
    });
    const received = pairingProgress(status({ stage: "connected", claim: "owner", firstMessage: true }));
    expect(received.keepPolling).toBe(false);
    expect(received.announcement).toBe("First message received.");
  });

  it("ends plainly when another claim of the device won, whatever the stage says", () => {
    const progress = pairingProgress(status({ stage: "scanned", claim: "lost" }));
    expect(progress.outcome).toBe("lost");
    expect(progress.keepPolling).toBe(false);
    expect(progress.announcement).toMatch(/Another setup of this device finished first/);
    expect(progress.milestones.some((m) => m.state === "current")).toBe(false);
  });

  it("asks for a renewal when the session expired, and ends on a cancelled session or ended claim", () => {
    expect(pairingProgress(status({ stage: "expired" }))).toMatchObject({
      outcome: "expired",
      keepPolling: false,
    });
    expect(pairingProgress(status({ stage: "cancelled" }))).toMatchObject({
      outcome: "ended",
      keepPolling: false,
    });
    expect(pairingProgress(status({ claim: "ended" }))).toMatchObject({
      outcome: "ended",
      keepPolling: false,
    });
  });
});
