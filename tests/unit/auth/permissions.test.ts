import { describe, expect, it } from "vitest";
import { landingPath, safeCallbackPath } from "@/lib/auth/paths";
import {
  can,
  ForbiddenError,
  PERMISSIONS,
  requirePermission,
  ROLE_PERMISSIONS,
  type Permission,
} from "@/lib/auth/permissions";
import { STAFF_ROLES } from "@/lib/db/schema/staff";

const ADMIN_ONLY: Permission[] = ["device.release", "device.rotate_code", "audit.read", "staff.manage"];

describe("the permission map", () => {
  it("names every console action the issue lists", () => {
    expect([...PERMISSIONS].sort()).toEqual(
      [
        "device.search",
        "device.read",
        "device.repair_link",
        "device.password_reset_link",
        "device.revoke_pairings",
        "device.unlock",
        "device.release",
        "device.rotate_code",
        "alerts.read",
        "audit.read",
        "staff.manage",
      ].sort(),
    );
  });

  it("gives an admin everything and support everything but release, rotate, audit and staff", () => {
    for (const permission of PERMISSIONS) {
      expect(can("admin", permission)).toBe(true);
      expect(can("support", permission)).toBe(!ADMIN_ONLY.includes(permission));
    }
  });

  it("maps every role, and only to known permissions", () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...STAFF_ROLES].sort());
    for (const role of STAFF_ROLES) {
      for (const permission of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(permission);
    }
  });

  it("requirePermission throws a typed Forbidden error naming the permission", () => {
    expect(() => requirePermission({ role: "admin" }, "device.release")).not.toThrow();
    const refused = (() => {
      try {
        requirePermission({ role: "support" }, "device.release");
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as ForbiddenError).permission).toBe("device.release");
  });
});

describe("where sign-in leads", () => {
  it("admins land on Staff, support on Search", () => {
    expect(landingPath("admin")).toBe("/support/staff");
    expect(landingPath("support")).toBe("/support");
  });

  it("follows a console callback and refuses anything else (no open redirect)", () => {
    expect(safeCallbackPath("/support/staff?x=1", "support")).toBe("/support/staff?x=1");
    expect(safeCallbackPath("/support", "admin")).toBe("/support");
    for (const bad of [
      "https://evil.example/support",
      "//evil.example/support",
      "/support//evil.example",
      "/support\\evil",
      "/supportx",
      "/setup",
      "/support/sign-in?callbackUrl=/support",
      undefined,
    ]) {
      expect(safeCallbackPath(bad, "admin")).toBe("/support/staff");
    }
  });
});
