import { z } from "zod";

/**
 * Every behaviour Medium One's documentation leaves open (medium-one-api.md §9) is a named choice here, with a
 * default and a CLI flag. The client's contract tests run against every value, so it tolerates whichever the real
 * service does. docs/medium-one-emulator.md lists the same table (a test keeps the two in step).
 */
export const CHOICES = {
  duplicateStatus: {
    values: [400, 403],
    default: 400,
    flag: "--duplicate-status",
    doc: "status of POST /v2/users for a login_id that exists (docs list both)",
  },
  createErrorDetail: {
    values: ["specific", "vague"],
    default: "specific",
    flag: "--create-error-detail",
    doc: 'whether create refusals say why ("already exists", "password ... complexity") or only "could not be created"',
  },
  tokenBody: {
    values: ["json-string", "bare"],
    default: "json-string",
    flag: "--token-body",
    doc: 'no_cookies login body: a JSON-quoted token ("abc") or the bare token (abc)',
  },
  loginBody: {
    values: ["true", "empty"],
    default: "true",
    flag: "--login-body",
    doc: "cookie-mode login success body: the JSON literal true, or nothing",
  },
  cookieName: {
    values: ["m1_session", "session_id"],
    default: "m1_session",
    flag: "--cookie-name",
    doc: "name of the session cookie (undocumented; the client keeps every Set-Cookie)",
  },
  mqttIdKey: {
    values: ["mqtt_id", "user_hash", "user_mqtt_id"],
    default: "mqtt_id",
    flag: "--mqtt-id-key",
    doc: "JSON key that carries the user's MQTT ID in GET /v2/users/{login_id}",
  },
  wrongPasswordStatus: {
    values: [401, 400],
    default: 401,
    flag: "--wrong-password-status",
    doc: 'status of a login with a wrong password (docs say "400 UNAUTHORIZED")',
  },
  lockoutCounting: {
    values: ["login_id", "ip", "both"],
    default: "login_id",
    flag: "--lockout-counting",
    doc: "what the bad-login count is kept per",
  },
  goodLoginResets: {
    values: ["yes", "no"],
    default: "yes",
    flag: "--good-login-resets",
    doc: "whether a successful login clears the bad-login count",
  },
  lockoutStatus: {
    values: [403, 429],
    default: 403,
    flag: "--lockout-status",
    doc: 'status of a login refused with "Exceeded bad login count"',
  },
  userNotFoundStatus: {
    values: [404, 403],
    default: 404,
    flag: "--user-not-found-status",
    doc: "status of GET/PATCH/DELETE /v2/users/{login_id} for a user that does not exist",
  },
  listShape: {
    values: ["array", "wrapped"],
    default: "array",
    flag: "--list-shape",
    doc: 'GET /v2/users body: a JSON array of users, or {"users": [...]}',
  },
  mutationBody: {
    values: ["login_id", "empty"],
    default: "login_id",
    flag: "--mutation-body",
    doc: 'PATCH/DELETE success body: {"login_id": ...} or nothing',
  },
  eventCountBody: {
    values: ["bare", "object"],
    default: "bare",
    flag: "--event-count-body",
    doc: 'POST events success body: the bare count (2) or {"count": 2}',
  },
  eventsFormat: {
    values: ["ndjson", "array"],
    default: "ndjson",
    flag: "--events-format",
    doc: "GET events body: newline-delimited JSON or one JSON array",
  },
} as const;

export type ChoiceName = keyof typeof CHOICES;
export type Choices = { -readonly [K in ChoiceName]: (typeof CHOICES)[K]["values"][number] };

export const CHOICE_NAMES = Object.keys(CHOICES) as ChoiceName[];

export const DEFAULT_CHOICES = Object.fromEntries(
  CHOICE_NAMES.map((name) => [name, CHOICES[name].default]),
) as Choices;

const choiceValueSchema = (name: ChoiceName) =>
  z.union(CHOICES[name].values.map((v) => z.literal(v)) as unknown as [z.ZodLiteral, z.ZodLiteral]);

export const choicesSchema = z
  .object(Object.fromEntries(CHOICE_NAMES.map((name) => [name, choiceValueSchema(name)])))
  .partial()
  .strict();

/** Parses one choice from its CLI text ("403" → 403 where the values are numbers). */
export function parseChoice(name: ChoiceName, text: string): Choices[ChoiceName] {
  const match = (CHOICES[name].values as readonly (string | number)[]).find((v) => String(v) === text);
  if (match === undefined) {
    throw new Error(`${CHOICES[name].flag} must be one of ${CHOICES[name].values.join(", ")}`);
  }
  return match as Choices[ChoiceName];
}

export function resolveChoices(partial: Partial<Choices> = {}): Choices {
  const parsed = choicesSchema.parse(partial) as Partial<Choices>;
  return { ...DEFAULT_CHOICES, ...parsed };
}

/** The complexity rule for new passwords (the real one is not published). */
export const passwordRuleSchema = z.object({
  minLength: z.number().int().min(1).default(8),
  classes: z.array(z.enum(["upper", "lower", "digit", "symbol"])).default(["upper", "lower", "digit"]),
});
export type PasswordRule = z.infer<typeof passwordRuleSchema>;
export const DEFAULT_PASSWORD_RULE: PasswordRule = passwordRuleSchema.parse({});

/** Bad logins before "Exceeded bad login count" (the real number is not published). */
export const DEFAULT_LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_CLEAR_MS = 5 * 60 * 1000;
export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;
