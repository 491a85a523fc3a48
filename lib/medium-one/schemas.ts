import { z } from "zod";

/**
 * Vendor response shapes, parsed leniently where Medium One's documentation leaves the form open
 * (medium-one-api.md §4, §5, §9), and reshaped into our own types.
 */

export interface MediumOneUser {
  loginId: string;
  /** Read under whichever candidate key the service uses; null when the response carries none. */
  mqttId: string | null;
  disabled: boolean | null;
}

export interface MediumOneEvent {
  eventData: Record<string, unknown>;
  observedAt: string | null;
  receivedAt: string | null;
}

/** The documented error body: `{"error": {"message": "..."}}`. */
export const errorBodySchema = z.object({ error: z.object({ message: z.string() }) });

const MQTT_ID_KEYS = ["mqtt_id", "user_hash", "user_mqtt_id"] as const;

const vendorUserSchema = z.looseObject({
  login_id: z.string().min(1),
  mqtt_id: z.string().min(1).optional(),
  user_hash: z.string().min(1).optional(),
  user_mqtt_id: z.string().min(1).optional(),
  disabled: z.boolean().optional(),
});

export const userSchema = vendorUserSchema.transform((raw): MediumOneUser => ({
  loginId: raw.login_id,
  mqttId: MQTT_ID_KEYS.map((key) => raw[key]).find((value) => value !== undefined) ?? null,
  disabled: raw.disabled ?? null,
}));

/** A list as a JSON array or wrapped in `{"users": [...]}`; items as user objects or bare login ids. */
const listItemSchema = z.union([
  userSchema,
  z.string().transform((loginId): MediumOneUser => ({ loginId, mqttId: null, disabled: null })),
]);
export const userListSchema = z.union([
  z.array(listItemSchema),
  z.object({ users: z.array(listItemSchema) }).transform((wrapped) => wrapped.users),
]);

/** The number of events created: a bare integer or `{"count": n}`. */
export const eventCountSchema = z.union([
  z.number().int().nonnegative(),
  z.object({ count: z.number().int().nonnegative() }).transform((wrapped) => wrapped.count),
]);

export const eventSchema = z
  .looseObject({
    event_data: z.record(z.string(), z.unknown()),
    observed_at: z.string().optional(),
    received_at: z.string().optional(),
  })
  .transform((raw): MediumOneEvent => ({
    eventData: raw.event_data,
    observedAt: raw.observed_at ?? null,
    receivedAt: raw.received_at ?? null,
  }));

/** A token-mode login body: a JSON-quoted string or the bare token. */
export function parseLoginToken(body: string): string | null {
  const trimmed = body.trim();
  if (trimmed === "") return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === "string" && parsed.length > 0 ? parsed : null;
  } catch {
    return /^[\x21-\x7e]+$/.test(trimmed) ? trimmed : null;
  }
}

/** Events come back as newline-delimited JSON or as one JSON array. */
export function splitEventDocuments(body: string): unknown[] {
  const trimmed = body.trim();
  if (trimmed === "") return [];
  if (trimmed.startsWith("[")) return JSON.parse(trimmed) as unknown[];
  return trimmed
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}

/** A list may also arrive newline-delimited. */
export function parseJsonOrLines(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return splitEventDocuments(body);
  }
}
