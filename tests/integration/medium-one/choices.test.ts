import { afterEach, describe, expect, it } from "vitest";
import { CHOICES, CHOICE_NAMES, type Choices } from "@/lib/medium-one/emulator";
import {
  CreateRefused,
  LockedOut,
  NotFound,
  PasswordRejected,
  Unauthorized,
  UsernameTaken,
} from "@/lib/medium-one/errors";
import { GOOD_PASSWORD, startHarness, type Harness } from "./harness";

/** Every value of every switchable choice, so the client is shown to tolerate whichever the real service does. */
const cases = CHOICE_NAMES.flatMap((name) =>
  (CHOICES[name].values as readonly (string | number)[]).map((value) => ({ name, value })),
);

let h: Harness | undefined;
afterEach(async () => h?.close());

describe.each(cases)("with $name = $value", ({ name, value }) => {
  const choices = { [name]: value } as Partial<Choices>;
  const vague = name === "createErrorDetail" && value === "vague";

  it.each(["cookies", "token"] as const)("the client works in %s mode", async (sessionMode) => {
    h = await startHarness({ choices: choices }, { sessionMode });
    const account = h.business.account;
    const registration = h.client({
      account: { kind: "registration", loginId: "reg_user", password: "Registration-Secret-2" },
    }).account;

    await account.createUser("user@example.com", GOOD_PASSWORD);
    await expect(account.createUser("user@example.com", GOOD_PASSWORD)).rejects.toBeInstanceOf(UsernameTaken);
    await expect(account.createUser("weak", "weak")).rejects.toBeInstanceOf(PasswordRejected);
    await registration.createUser("by-reg", GOOD_PASSWORD);
    // Without business rights a vague refusal cannot be told apart, and the client says so instead of guessing.
    await expect(registration.createUser("by-reg", GOOD_PASSWORD)).rejects.toBeInstanceOf(
      vague ? CreateRefused : UsernameTaken,
    );

    const user = await account.getUser("user@example.com");
    expect(user.mqttId).toMatch(/^[A-Za-z0-9_-]{11}$/);
    const listed = await account.listUsers();
    expect(listed.map((u) => u.loginId).sort()).toEqual(["by-reg", "user@example.com"]);
    expect(listed.find((u) => u.loginId === "user@example.com")?.mqttId).toBe(user.mqttId);

    const device = h.business.asUser("user@example.com", GOOD_PASSWORD);
    expect((await device.getSelf()).mqttId).toBe(user.mqttId);
    expect(await device.sendOwnEvents("raw", [{ eventData: { t: 1 } }, { eventData: { t: 2 } }])).toBe(2);
    const events = await account.readEvents("raw", "user@example.com");
    expect(events.map((e) => e.eventData.t)).toEqual([1, 2]);

    await account.patchUser("user@example.com", { disabled: true });
    expect((await account.getUser("user@example.com")).disabled).toBe(true);
    await account.deleteUser("user@example.com");
    await expect(account.getUser("user@example.com")).rejects.toBeInstanceOf(NotFound);

    await account.createUser("lockme", GOOD_PASSWORD);
    for (let i = 0; i < 5; i++) {
      await expect(h.business.asUser("lockme", "Wrong-Pass-1").login()).rejects.toBeInstanceOf(Unauthorized);
    }
    await expect(h.business.asUser("lockme", GOOD_PASSWORD).login()).rejects.toBeInstanceOf(LockedOut);
  });
});
