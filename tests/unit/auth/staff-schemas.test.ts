import { describe, expect, it } from "vitest";
import {
  createStaffSchema,
  setStaffDisabledSchema,
  STAFF_ROLE_VALUES,
  staffUsernameSchema,
} from "@/lib/auth/staff-schemas";
import { STAFF_ROLES } from "@/lib/db/schema/staff";

describe("staff input schemas", () => {
  it("offers exactly the roles the database allows (the browser-safe copy cannot drift)", () => {
    expect([...STAFF_ROLE_VALUES]).toEqual([...STAFF_ROLES]);
  });

  it("case-folds and trims usernames, and refuses odd ones", () => {
    expect(staffUsernameSchema.parse("  Alice.B ")).toBe("alice.b");
    for (const bad of ["ab", "-alice", "al ice", "a".repeat(65), "ålice"]) {
      expect(staffUsernameSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("requires a reason, treats an empty password as 'generate one', and keys errors by field", () => {
    const missing = createStaffSchema.safeParse({
      username: "bob",
      displayName: "Bob",
      role: "root",
      password: "short",
    });
    expect(missing.success).toBe(false);
    const paths = missing.error!.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["role", "password", "reason"]));

    const generated = createStaffSchema.parse({
      username: "Bob",
      displayName: " Bob ",
      role: "support",
      password: "",
      reason: "new hire",
    });
    expect(generated).toEqual({ username: "bob", displayName: "Bob", role: "support", reason: "new hire" });
  });

  it("reads the disabled flag from a form's string", () => {
    const id = "7a0d7c55-52a7-4d3c-9d2c-1d3f5b8e9a10";
    expect(setStaffDisabledSchema.parse({ staffId: id, disabled: "true", reason: "left" }).disabled).toBe(
      true,
    );
    expect(setStaffDisabledSchema.parse({ staffId: id, disabled: "false", reason: "back" }).disabled).toBe(
      false,
    );
    expect(
      setStaffDisabledSchema.safeParse({ staffId: "1 or 1=1", disabled: "true", reason: "x y" }).success,
    ).toBe(false);
  });
});
