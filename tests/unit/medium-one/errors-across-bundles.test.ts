import { describe, expect, it, vi } from "vitest";

describe("Medium One errors across bundle copies", () => {
  it("an error from one copy of the module is instanceof the same class of another copy, and only of that class", async () => {
    const first = await import("@/lib/medium-one/errors");
    vi.resetModules();
    const second = await import("@/lib/medium-one/errors");
    expect(second.Unauthorized).not.toBe(first.Unauthorized);

    const error = new first.Unauthorized("login refused", "login", 401);
    expect(error instanceof second.Unauthorized).toBe(true);
    expect(error instanceof second.MediumOneError).toBe(true);
    expect(error instanceof second.UsernameTaken).toBe(false);
    expect(error instanceof Error).toBe(true);
    expect(error.name).toBe("Unauthorized");
    expect(new Error("plain") instanceof second.MediumOneError).toBe(false);
    expect((null as unknown as object) instanceof second.MediumOneError).toBe(false);
  });
});
