import { systemClock, type Clock } from "@/lib/security/clock";

/** A clock the control surface can set and advance; a ManualClock is used as is. */
export interface AdjustableClock extends Clock {
  advance(ms: number): Date;
  set(to: Date | string | number): void;
}

function isAdjustable(clock: Clock): clock is AdjustableClock {
  const candidate = clock as Partial<AdjustableClock>;
  return typeof candidate.advance === "function" && typeof candidate.set === "function";
}

/** Real time plus an offset, so a standalone emulator can be moved forward without stopping time. */
class OffsetClock implements AdjustableClock {
  private offsetMs = 0;

  constructor(private readonly base: Clock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("a clock only moves forward");
    this.offsetMs += ms;
    return this.now();
  }

  set(to: Date | string | number): void {
    this.offsetMs = new Date(to).getTime() - this.base.now().getTime();
  }
}

export function adjustable(clock: Clock = systemClock): AdjustableClock {
  return isAdjustable(clock) ? clock : new OffsetClock(clock);
}
