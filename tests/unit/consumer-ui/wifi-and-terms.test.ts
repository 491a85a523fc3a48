import { describe, expect, it } from "vitest";
import { TERMS_VERSION } from "@/lib/onboarding/contract";
import { TERMS_SECTIONS, TERMS_VERSION as SHOWN_VERSION } from "@/lib/onboarding/terms";
import { wifiFormSchema } from "@/lib/onboarding/wifi-form";

describe("Wi-Fi form", () => {
  it("accepts a network with or without a password", () => {
    expect(wifiFormSchema.safeParse({ ssid: "Home", password: "" }).success).toBe(true);
    expect(wifiFormSchema.safeParse({ ssid: "Home", password: "correct horse" }).success).toBe(true);
  });

  it("counts bytes, not characters, as the QR layout does", () => {
    expect(wifiFormSchema.safeParse({ ssid: "é".repeat(16), password: "" }).success).toBe(true);
    const tooLong = wifiFormSchema.safeParse({ ssid: "é".repeat(17), password: "" });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toMatch(/at most 32 bytes/);
    expect(wifiFormSchema.safeParse({ ssid: "x", password: "p".repeat(65) }).success).toBe(false);
  });

  it("refuses an empty network name", () => {
    expect(wifiFormSchema.safeParse({ ssid: "", password: "" }).success).toBe(false);
  });
});

describe("terms", () => {
  it("shows the version the server records", () => {
    expect(SHOWN_VERSION).toBe(TERMS_VERSION);
    expect(TERMS_SECTIONS.length).toBeGreaterThan(3);
    expect(TERMS_SECTIONS.flatMap((s) => s.paragraphs).join(" ")).toContain("keyed hash of your IP address");
  });
});
