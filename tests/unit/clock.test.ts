import { describe, expect, it } from "vitest";
import { ManualClock, MINUTE, systemClock } from "@/lib/security/clock";

describe("ManualClock", () => {
  it("starts where told and moves only when told", () => {
    const clock = new ManualClock("2026-11-25T10:00:00Z");
    expect(clock.now().toISOString()).toBe("2026-11-25T10:00:00.000Z");
    clock.advance(10 * MINUTE);
    expect(clock.now().toISOString()).toBe("2026-11-25T10:10:00.000Z");
    clock.set("2027-01-01T00:00:00Z");
    expect(clock.now().getUTCFullYear()).toBe(2027);
  });

  it("refuses to move backwards", () => {
    expect(() => new ManualClock().advance(-1)).toThrow(RangeError);
  });

  it("hands out copies, so callers cannot move it by mutating a Date", () => {
    const clock = new ManualClock("2026-11-25T10:00:00Z");
    clock.now().setUTCFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2026);
  });
});

describe("systemClock", () => {
  it("follows the real time", () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
