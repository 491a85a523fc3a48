import { describe, expect, it } from "vitest";
import {
  eventCountSchema,
  parseLoginToken,
  splitEventDocuments,
  userListSchema,
  userSchema,
} from "@/lib/medium-one/schemas";

describe("vendor schemas", () => {
  it.each(["mqtt_id", "user_hash", "user_mqtt_id"])("read the MQTT ID under %s", (key) => {
    expect(userSchema.parse({ login_id: "a", [key]: "y9s1ZTasZs8" })).toEqual({
      loginId: "a",
      mqttId: "y9s1ZTasZs8",
      disabled: null,
    });
  });

  it("tolerate extra keys and a missing MQTT ID, but not a missing login_id", () => {
    expect(userSchema.parse({ login_id: "a", disabled: true, extra: 1 })).toEqual({
      loginId: "a",
      mqttId: null,
      disabled: true,
    });
    expect(userSchema.safeParse({ mqtt_id: "x" }).success).toBe(false);
    expect(userSchema.safeParse({ login_id: "a", disabled: "yes" }).success).toBe(false);
  });

  it("read lists as arrays, wrapped arrays and bare login ids", () => {
    expect(userListSchema.parse([{ login_id: "a" }, "b"]).map((u) => u.loginId)).toEqual(["a", "b"]);
    expect(userListSchema.parse({ users: [{ login_id: "c", mqtt_id: "m" }] })).toEqual([
      { loginId: "c", mqttId: "m", disabled: null },
    ]);
    expect(userListSchema.safeParse({ items: [] }).success).toBe(false);
  });

  it("read an event count bare or wrapped, never negative", () => {
    expect(eventCountSchema.parse(3)).toBe(3);
    expect(eventCountSchema.parse({ count: 2 })).toBe(2);
    expect(eventCountSchema.safeParse(-1).success).toBe(false);
    expect(eventCountSchema.safeParse("3").success).toBe(false);
  });

  it("read a token JSON-quoted or bare, and refuse anything else", () => {
    expect(parseLoginToken('"abc123"')).toBe("abc123");
    expect(parseLoginToken("abc123\n")).toBe("abc123");
    expect(parseLoginToken("true")).toBeNull();
    expect(parseLoginToken("")).toBeNull();
    expect(parseLoginToken('""')).toBeNull();
    expect(parseLoginToken("two words")).toBeNull();
  });

  it("split events as lines or an array", () => {
    expect(splitEventDocuments('{"a":1}\n\n{"b":2}\n')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(splitEventDocuments('[{"a":1}]')).toEqual([{ a: 1 }]);
    expect(splitEventDocuments("  ")).toEqual([]);
    expect(() => splitEventDocuments("{oops")).toThrow();
  });
});
