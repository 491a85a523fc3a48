import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

vi.mock("@/lib/config", () => ({
  getConfig: () => ({ mode: "embedded", publicBaseUrl: "http://localhost:3000" }),
}));

const { proxy } = await import("@/proxy");

const visit = (path: string, cookie?: string) =>
  proxy(new NextRequest(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} }));

describe("proxy.ts: optimistic redirect of signed-out console visitors", () => {
  it("sends a console page without a session cookie to sign-in, coming back afterwards, with the CSP kept", () => {
    const response = visit("/support/staff?tab=2");
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/support/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe("/support/staff?tab=2");
    expect(response.headers.get("content-security-policy")).toContain("nonce-");
    expect(visit("/support").status).toBe(307);
  });

  it("lets through the sign-in page, other parts of the app, and any request carrying a session cookie", () => {
    for (const response of [
      visit("/support/sign-in"),
      visit("/support/sign-in?callbackUrl=%2Fsupport"),
      visit("/setup"),
      visit("/supportive"),
      visit("/support/staff", "next-auth.session-token=abc"),
      visit("/support/staff", "__Secure-next-auth.session-token=abc"),
      visit("/support/staff", "next-auth.session-token.0=abc; next-auth.session-token.1=def"),
    ]) {
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.get("content-security-policy")).toContain("nonce-");
    }
  });

  it("is not fooled by a look-alike cookie", () => {
    expect(visit("/support/staff", "next-auth.session-token-fake=abc").status).toBe(307);
    expect(visit("/support/staff", "next-auth.csrf-token=abc").status).toBe(307);
  });
});
