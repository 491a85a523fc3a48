import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config";
import { DEFAULT_PASSWORD_RULE } from "@/lib/onboarding/contract";
import { passwordRuleOf } from "@/lib/onboarding/password-rule";

const S = "x".repeat(40);
const deployedEnv = {
  DATABASE_URL: "postgres://db.example/onboard",
  CODE_HMAC_KEY: S,
  IP_HASH_KEY: S,
  AUTH_SECRET: S,
  DATA_ENCRYPTION_KEY: S,
  MEDIUM_ONE_BASE_URL: "https://api.mediumone.com/v2/",
  MEDIUM_ONE_API_KEY: "server-key",
  MEDIUM_ONE_DEVICE_API_KEY: "device-key",
  MEDIUM_ONE_LOGIN_ID: "biz",
  MEDIUM_ONE_PASSWORD: "pw",
  MEDIUM_ONE_PROJECT_MQTT_ID: "7T3kxm_Rdf4",
};

describe("onboarding configuration", () => {
  it("has tested defaults, and the configured service account is always a reserved name", () => {
    const { onboarding } = loadConfig({ ...deployedEnv, MEDIUM_ONE_RESERVED_LOGIN_IDS: " reg_svc , ops" });
    expect(onboarding).toMatchObject({
      passwordMinLength: 10,
      passwordMinScore: 3,
      claimLifetimeHours: 24,
      claimCapPerDeviceClient: 3,
      userCreationsPerDevicePerDay: 10,
      userCreationsPerClientPerDay: 10,
      consumerLoginsPerLoginId: 2,
      reservedLoginIds: ["biz", "reg_svc", "ops"],
    });
    // Twice the per-login_id budget (two fixed windows back to back) stays below Medium One's lockout of 5.
    expect(onboarding.consumerLoginsPerLoginId * 2).toBeLessThan(5);
    expect(onboarding.consumerLoginWindowMinutes).toBeGreaterThanOrEqual(
      5 * onboarding.consumerLoginsPerLoginId,
    );
  });

  it("is stricter on creations per client with a registration-only account, unless set", () => {
    const registration = { ...deployedEnv, MEDIUM_ONE_ACCOUNT_KIND: "registration" };
    expect(loadConfig(registration).onboarding.userCreationsPerClientPerDay).toBe(3);
    expect(
      loadConfig({ ...registration, USER_CREATIONS_PER_CLIENT_PER_DAY: "5" }).onboarding
        .userCreationsPerClientPerDay,
    ).toBe(5);
  });

  it("names a bad value", () => {
    const error = (() => {
      try {
        loadConfig({ ...deployedEnv, PASSWORD_MIN_SCORE: "7", PASSWORD_MIN_LENGTH: "4" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PASSWORD_MIN_SCORE/);
    expect(problems).toMatch(/PASSWORD_MIN_LENGTH/);
  });

  it("the page's rule is the contract's default with the configured length and score", () => {
    expect(passwordRuleOf({ passwordMinLength: 12, passwordMinScore: 4 })).toEqual({
      ...DEFAULT_PASSWORD_RULE,
      minLength: 12,
      minScore: 4,
    });
  });
});
