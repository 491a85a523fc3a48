import type { Choices } from "./choices";
import { LOCKOUT_CLEAR_MS } from "./choices";

interface Counter {
  count: number;
  lastAttemptAt: number;
}

/**
 * Bad-login counting: after `threshold` failures logins are refused with "Exceeded bad login count" until
 * five minutes pass without any attempt (attempts while locked keep it locked, as the docs describe).
 */
export class LockoutTracker {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly threshold: number,
    private readonly counting: Choices["lockoutCounting"],
    private readonly goodLoginResets: boolean,
  ) {}

  private keys(loginId: string, ip: string): string[] {
    if (this.counting === "login_id") return [`id:${loginId}`];
    if (this.counting === "ip") return [`ip:${ip}`];
    return [`id:${loginId}`, `ip:${ip}`];
  }

  /** Call on every login attempt before checking the password: true means refuse as locked out. */
  isLocked(loginId: string, ip: string, now: number): boolean {
    let locked = false;
    for (const key of this.keys(loginId, ip)) {
      const counter = this.counters.get(key);
      if (!counter) continue;
      if (now - counter.lastAttemptAt >= LOCKOUT_CLEAR_MS) {
        this.counters.delete(key);
        continue;
      }
      counter.lastAttemptAt = now;
      if (counter.count >= this.threshold) locked = true;
    }
    return locked;
  }

  recordFailure(loginId: string, ip: string, now: number): void {
    for (const key of this.keys(loginId, ip)) {
      const counter = this.counters.get(key) ?? { count: 0, lastAttemptAt: now };
      counter.count += 1;
      counter.lastAttemptAt = now;
      this.counters.set(key, counter);
    }
  }

  recordSuccess(loginId: string, ip: string): void {
    if (!this.goodLoginResets) return;
    for (const key of this.keys(loginId, ip)) this.counters.delete(key);
  }

  clear(): void {
    this.counters.clear();
  }
}
