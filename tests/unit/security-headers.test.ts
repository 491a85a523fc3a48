import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/security/headers";

describe("security headers", () => {
  it("allows scripts only with this request's nonce, and no framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", https: false, development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("adds HSTS and upgrades mixed content only over HTTPS", () => {
    const plain = securityHeaders({ nonce: "n", https: false, development: false });
    const secure = securityHeaders({ nonce: "n", https: true, development: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(secure["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
    expect(secure["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(plain["Referrer-Policy"]).toBe("no-referrer");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0]!, "base64")).toHaveLength(16);
  });
});
