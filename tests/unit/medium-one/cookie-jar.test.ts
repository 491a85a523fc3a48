import { describe, expect, it } from "vitest";
import { CookieJar } from "@/lib/medium-one/cookie-jar";
import { retryAfterMs } from "@/lib/medium-one/session";
import { ManualClock } from "@/lib/security/clock";

describe("CookieJar", () => {
  it("keeps every cookie, replaces by name and forgets removed ones", () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.store(["a=1; Path=/; HttpOnly", "b=2", "junk", "=nameless"]);
    expect(jar.header()).toBe("a=1; b=2");
    jar.store(["a=3; Secure"]);
    expect(jar.header()).toBe("a=3; b=2");
    jar.store(["a=gone; Max-Age=0", "b=old; Expires=Thu, 01 Jan 1970 00:00:00 GMT"]);
    expect(jar.size).toBe(0);
  });
});

describe("retryAfterMs", () => {
  const clock = new ManualClock("2026-11-25T10:00:00Z");
  it("reads delay-seconds and HTTP dates, and ignores nonsense", () => {
    expect(retryAfterMs("7", clock)).toBe(7000);
    expect(retryAfterMs("Wed, 25 Nov 2026 10:00:30 GMT", clock)).toBe(30_000);
    expect(retryAfterMs("Wed, 25 Nov 2026 09:00:00 GMT", clock)).toBe(0);
    expect(retryAfterMs("soon", clock)).toBeUndefined();
    expect(retryAfterMs(null, clock)).toBeUndefined();
  });
});
