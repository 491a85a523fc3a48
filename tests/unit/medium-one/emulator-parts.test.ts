import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHOICES, CHOICE_NAMES, parseChoice } from "@/lib/medium-one/emulator";
import { parseEmulatorArgs } from "@/lib/medium-one/emulator/cli";
import { FaultPlan } from "@/lib/medium-one/emulator/faults";
import { hashPassword, meetsRule, verifyPassword } from "@/lib/medium-one/emulator/passwords";
import { newMqttId } from "@/lib/medium-one/emulator/store";

describe("fault plan", () => {
  it("matches method and path patterns, first match first, and uses up counts", () => {
    const plan = new FaultPlan();
    plan.add({ method: "post", path: "/users", kind: "hang", times: 1 });
    plan.add({ path: "/users/*", kind: "status", status: 503 });
    plan.add({ path: "/events/**", kind: "lose-response", times: 2 });
    expect(plan.take("GET", "/users")).toBeUndefined();
    expect(plan.take("POST", "/users")?.kind).toBe("hang");
    expect(plan.take("POST", "/users")).toBeUndefined();
    expect(plan.take("GET", "/users/a@b")?.kind).toBe("status");
    expect(plan.take("GET", "/users/a/b")).toBeUndefined();
    expect(plan.take("POST", "/events/raw/dev")?.kind).toBe("lose-response");
    expect(plan.take("POST", "/events/raw")?.kind).toBe("lose-response");
    expect(plan.take("POST", "/events/raw")).toBeUndefined();
    expect(plan.list()).toHaveLength(1);
  });

  it("refuses malformed faults", () => {
    const plan = new FaultPlan();
    expect(() => plan.add({ path: "users", kind: "hang" })).toThrow();
    expect(() => plan.add({ path: "/users", kind: "status", status: 404 })).toThrow();
    expect(() => plan.add({ path: "/users", kind: "hang", times: 0 })).toThrow();
  });
});

describe("passwords", () => {
  it("are hashed with a salt and verified", () => {
    const a = hashPassword("Secret-Pass-1");
    expect(a).not.toContain("Secret-Pass-1");
    expect(a).not.toBe(hashPassword("Secret-Pass-1"));
    expect(verifyPassword("Secret-Pass-1", a)).toBe(true);
    expect(verifyPassword("Secret-Pass-2", a)).toBe(false);
    expect(verifyPassword("x", "garbage")).toBe(false);
  });

  it("follow the configured rule", () => {
    const rule = { minLength: 8, classes: ["upper", "lower", "digit"] as const };
    expect(meetsRule("Abcdefg1", { ...rule, classes: [...rule.classes] })).toBe(true);
    expect(meetsRule("abcdefg1", { ...rule, classes: [...rule.classes] })).toBe(false);
    expect(meetsRule("Abc1", { ...rule, classes: [...rule.classes] })).toBe(false);
    expect(meetsRule("Abcdefg1", { minLength: 8, classes: ["symbol"] })).toBe(false);
  });
});

it("MQTT IDs are 11 characters of the base64url alphabet", () => {
  for (let i = 0; i < 50; i++) expect(newMqttId()).toMatch(/^[A-Za-z0-9_-]{11}$/);
});

describe("emulator CLI arguments", () => {
  it("fall back to printed defaults", () => {
    const parsed = parseEmulatorArgs([]);
    expect(parsed.port).toBe(4010);
    expect(parsed.apiKeys).toEqual([{ key: "EMULATOR-API-KEY", enabled: true }]);
    expect(parsed.usedDefaults).toHaveLength(2);
    expect(parsed.control).toBe(false);
  });

  it("take repeated keys and accounts, choices and the password rule", () => {
    const parsed = parseEmulatorArgs([
      "--api-key",
      "A",
      "--api-key",
      "B:disabled",
      "--business-user",
      "biz:Pass:with:colons1",
      "--registration-user",
      "reg:Reg-Pass-1",
      "--lockout-counting",
      "both",
      "--wrong-password-status",
      "400",
      "--password-min-length",
      "12",
      "--password-classes",
      "upper,symbol",
      "--control",
    ]);
    expect(parsed.apiKeys).toEqual([
      { key: "A", enabled: true },
      { key: "B", enabled: false },
    ]);
    expect(parsed.businessUsers).toEqual([{ loginId: "biz", password: "Pass:with:colons1" }]);
    expect(parsed.registrationUsers).toEqual([{ loginId: "reg", password: "Reg-Pass-1" }]);
    expect(parsed.choices).toEqual({ lockoutCounting: "both", wrongPasswordStatus: 400 });
    expect(parsed.passwordRule).toEqual({ minLength: 12, classes: ["upper", "symbol"] });
    expect(parsed.usedDefaults).toEqual([]);
  });

  it("refuse bad values", () => {
    expect(() => parseChoice("duplicateStatus", "404")).toThrow(/400, 403/);
    for (const args of [
      ["--port", "x"],
      ["--mqtt-id-key", "id"],
      ["--business-user", "nopassword"],
    ]) {
      expect(() => parseEmulatorArgs(args)).toThrow();
    }
  });
});

describe("docs/medium-one-emulator.md", () => {
  const doc = fs.readFileSync(path.join(import.meta.dirname, "../../../docs/medium-one-emulator.md"), "utf8");
  it.each(CHOICE_NAMES)("lists the choice %s with its values, default and flag", (name) => {
    const choice = CHOICES[name];
    const row = doc.split("\n").find((line) => line.startsWith(`| \`${name}\``));
    expect(row).toBeDefined();
    expect(row).toContain(`\`${choice.flag}\``);
    const cells = row!.split("|").map((c) => c.trim());
    expect(cells[3]).toBe(`\`${choice.default}\``);
    for (const value of choice.values) expect(cells[2]).toContain(`\`${value}\``);
  });
});
