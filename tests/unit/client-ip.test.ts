import { describe, expect, it } from "vitest";
import { clientAddress, clientGroup, clientKey, normaliseAddress } from "@/lib/security/client-ip";

describe("clientAddress", () => {
  it("uses the TCP peer and ignores a forged X-Forwarded-For from an untrusted peer", () => {
    expect(clientAddress("203.0.113.7", "1.2.3.4", [])).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", "1.2.3.4, 5.6.7.8", ["10.0.0.1"])).toBe("203.0.113.7");
  });

  it("walks X-Forwarded-For right to left through configured proxies only", () => {
    expect(clientAddress("10.0.0.1", "198.51.100.9", ["10.0.0.1"])).toBe("198.51.100.9");
    expect(clientAddress("10.0.0.1", "6.6.6.6, 198.51.100.9, 10.0.0.2", ["10.0.0.1", "10.0.0.2"])).toBe(
      "198.51.100.9",
    );
  });

  it("falls back to the rightmost hop without a recorded peer, and to 'unknown' with nothing", () => {
    expect(clientAddress(null, "6.6.6.6, 127.0.0.1", [])).toBe("127.0.0.1");
    expect(clientAddress(null, null, [])).toBe("unknown");
  });

  it("normalises IPv4-mapped IPv6, brackets and ports, and rejects non-addresses", () => {
    expect(normaliseAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normaliseAddress("evil")).toBeNull();
  });
});

describe("clientGroup and clientKey", () => {
  it("groups IPv6 by /64 and keeps IPv4 whole", () => {
    expect(clientGroup("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientGroup("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(clientGroup("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientGroup("192.0.2.1")).toBe("192.0.2.1");
  });

  it("hashes with the key: one /64 is one client, the raw address is not recoverable", () => {
    const key = "k".repeat(32);
    expect(clientKey("2001:db8:1:2::1", key)).toBe(clientKey("2001:db8:1:2::99", key));
    expect(clientKey("2001:db8:1:3::1", key)).not.toBe(clientKey("2001:db8:1:2::1", key));
    expect(clientKey("192.0.2.1", key)).not.toContain("192");
    expect(clientKey("192.0.2.1", key)).not.toBe(clientKey("192.0.2.1", "j".repeat(32)));
  });
});
