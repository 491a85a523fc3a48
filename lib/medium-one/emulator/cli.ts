import { Command, InvalidArgumentError, Option } from "commander";
import { CHOICE_NAMES, CHOICES, parseChoice, type Choices, type PasswordRule } from "./choices";
import type { Account, EmulatorOptions } from "./server";

/** Defaults of the standalone emulator; printed at start so a developer can log in right away. */
export const CLI_DEFAULTS = {
  port: 4010,
  host: "127.0.0.1",
  dataDir: "data/medium-one-emulator",
  apiKey: "EMULATOR-API-KEY",
  business: { loginId: "business", password: "Business-Pass-1" },
  projectMqttId: "EmulatorPrj",
} as const;

function account(text: string): Account {
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1) throw new InvalidArgumentError("expected LOGIN:PASSWORD");
  return { loginId: text.slice(0, colon), password: text.slice(colon + 1) };
}

function whole(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError("expected a whole number");
  return Number(text);
}

const CLASSES = ["upper", "lower", "digit", "symbol"] as const;

function classList(text: string): PasswordRule["classes"] {
  const classes = text.split(",").map((c) => c.trim());
  const unknown = classes.find((c) => !(CLASSES as readonly string[]).includes(c));
  if (unknown !== undefined)
    throw new InvalidArgumentError(`unknown class ${unknown}; use ${CLASSES.join(",")}`);
  return classes as PasswordRule["classes"];
}

const collect =
  <T>(parse: (text: string) => T) =>
  (text: string, previous: T[] = []): T[] => [...previous, parse(text)];

/** Parses `npm run emulator -- …` arguments into emulator options (commander prints usage on a bad flag). */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorOptions & { usedDefaults: string[] } {
  const program = new Command("emulator")
    .description("Medium One emulator: the documented REST surface, with switchable unknowns and faults")
    .exitOverride()
    .option("--port <n>", "TCP port (0 picks a free one)", whole, CLI_DEFAULTS.port)
    .option("--host <address>", "address to listen on", CLI_DEFAULTS.host)
    .option("--data <dir>", "state directory", CLI_DEFAULTS.dataDir)
    .option("--api-key <key>", "an API key, repeatable; KEY:disabled adds a disabled one", collect(String))
    .option("--business-user <login:password>", "a business user, repeatable", collect(account))
    .option("--registration-user <login:password>", "a registration user, repeatable", collect(account))
    .option("--control", "serve the /__control/ test surface", false)
    .option("--mqtt-port <n>", "also run the MQTT side on this port", whole)
    .option("--project-mqtt-id <id>", "project MQTT ID for the MQTT side", CLI_DEFAULTS.projectMqttId)
    .option("--lockout-threshold <n>", "bad logins before the lockout", whole)
    .option("--password-min-length <n>", "password rule: minimum length", whole)
    .option("--password-classes <list>", "password rule: comma list of upper,lower,digit,symbol", classList);
  for (const name of CHOICE_NAMES) {
    const choice = CHOICES[name];
    program.addOption(
      new Option(`${choice.flag} <value>`, choice.doc)
        .choices(choice.values.map(String))
        .argParser((text) => {
          try {
            return parseChoice(name, text);
          } catch (error) {
            throw new InvalidArgumentError((error as Error).message);
          }
        }),
    );
  }
  program.parse([...argv], { from: "user" });
  const o = program.opts<Record<string, unknown>>();

  const usedDefaults: string[] = [];
  let apiKeys = (o.apiKey as string[] | undefined)?.map((spec) =>
    spec.endsWith(":disabled") ? { key: spec.slice(0, -9), enabled: false } : { key: spec, enabled: true },
  );
  if (!apiKeys) {
    apiKeys = [{ key: CLI_DEFAULTS.apiKey, enabled: true }];
    usedDefaults.push(`API key ${CLI_DEFAULTS.apiKey}`);
  }
  let businessUsers = o.businessUser as Account[] | undefined;
  if (!businessUsers) {
    businessUsers = [CLI_DEFAULTS.business];
    usedDefaults.push(`business user ${CLI_DEFAULTS.business.loginId}:${CLI_DEFAULTS.business.password}`);
  }
  const choices = Object.fromEntries(
    CHOICE_NAMES.filter((name) => o[name] !== undefined).map((name) => [name, o[name]]),
  ) as Partial<Choices>;
  const classes = o.passwordClasses as PasswordRule["classes"] | undefined;

  return {
    port: o.port as number,
    host: o.host as string,
    dataDir: o.data as string,
    apiKeys,
    businessUsers,
    registrationUsers: (o.registrationUser as Account[] | undefined) ?? [],
    control: o.control as boolean,
    lockoutThreshold: o.lockoutThreshold as number | undefined,
    mqtt:
      o.mqttPort === undefined
        ? undefined
        : { port: o.mqttPort as number, host: o.host as string, projectMqttId: o.projectMqttId as string },
    passwordRule: {
      ...(o.passwordMinLength === undefined ? {} : { minLength: o.passwordMinLength as number }),
      ...(classes === undefined ? {} : { classes }),
    },
    choices,
    usedDefaults,
  };
}
