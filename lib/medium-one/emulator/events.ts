import { z } from "zod";
import { authenticate, NOT_LOGGED_IN } from "./auth";
import { visibleUser, type EmulatorContext, type EmulatorRequest } from "./context";
import { error, json, type EmulatorResponse } from "./http";
import type { StoredEvent, StoredUser } from "./store";

export const MAX_EVENTS_BODY_BYTES = 10 * 1024 * 1024;
const MAX_LIMIT = 10_000;

/** ISO-8601 with a timezone, as the docs require for observed_at, since and until. */
const isoWithZone = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/)
  .refine((s) => !Number.isNaN(Date.parse(s)));

const eventDocumentSchema = z.object({
  event_data: z.record(z.string(), z.unknown()),
  observed_at: isoWithZone.optional(),
  add_client_ip: z.boolean().optional(),
});

const querySchema = z.object({
  since: isoWithZone.optional(),
  until: isoWithZone.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(MAX_LIMIT),
  sort_by: z.enum(["observed_at", "received_at", "internal"]).default("internal"),
  sort_direction: z.enum(["asc", "desc"]).default("asc"),
});

/** Business users name any basic user; a basic user may only use its own login_id (the default). */
function eventOwner(
  context: EmulatorContext,
  request: EmulatorRequest,
  named: string | undefined,
): { user: StoredUser } | { response: EmulatorResponse } {
  const caller = authenticate(context, request);
  if (!caller) return { response: NOT_LOGGED_IN };
  if (caller.role === "registration") return { response: error(403, "Not permitted") };
  const loginId = named ?? (caller.role === "basic" ? caller.loginId : undefined);
  if (loginId === undefined) return { response: error(400, "Missing login_id") };
  if (caller.role === "basic" && loginId !== caller.loginId) return { response: error(403, "Not permitted") };
  const user = visibleUser(context, loginId, false);
  if (!user || user.role !== "basic") {
    return { response: error(context.choices.userNotFoundStatus, "User not found") };
  }
  return { user };
}

/** POST /v2/events/{stream}/{login_id}: one JSON document or several, one per line; all or nothing. */
export function postEvents(
  context: EmulatorContext,
  request: EmulatorRequest,
  stream: string,
  named: string | undefined,
): EmulatorResponse {
  const owner = eventOwner(context, request, named);
  if ("response" in owner) return owner.response;
  if (owner.user.disabled) return error(403, "User is disabled");
  const lines = request.body.split("\n").filter((line) => line.trim() !== "");
  if (lines.length === 0) return error(400, "Missing event_data");
  const now = context.clock.now().toISOString();
  const accepted: StoredEvent[] = [];
  for (const [index, line] of lines.entries()) {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return error(400, `Event ${index + 1} is not valid JSON`);
    }
    const parsed = eventDocumentSchema.safeParse(raw);
    if (!parsed.success) return error(400, `Event ${index + 1}: missing or badly formatted parameters`);
    const doc = parsed.data;
    accepted.push({
      seq: context.store.state.nextSeq + index,
      stream,
      loginId: owner.user.loginId,
      eventData: doc.add_client_ip ? { ...doc.event_data, ip_address: request.ip } : doc.event_data,
      observedAt: doc.observed_at ? new Date(doc.observed_at).toISOString() : now,
      receivedAt: now,
    });
  }
  recordEvents(context, accepted);
  return context.choices.eventCountBody === "bare"
    ? json(200, accepted.length)
    : json(200, { count: accepted.length });
}

export function recordEvents(context: EmulatorContext, events: Omit<StoredEvent, "seq">[]): void {
  const state = context.store.state;
  for (const event of events) state.events.push({ ...event, seq: state.nextSeq++ });
  context.store.save();
}

/** GET /v2/events/{stream}/{login_id}: since, until, limit (≤ 10000), sort_by, sort_direction. */
export function getEvents(
  context: EmulatorContext,
  request: EmulatorRequest,
  stream: string,
  named: string | undefined,
): EmulatorResponse {
  const owner = eventOwner(context, request, named);
  if ("response" in owner) return owner.response;
  const parsed = querySchema.safeParse(Object.fromEntries(request.query));
  if (!parsed.success) return error(400, "Badly formatted query parameters");
  const q = parsed.data;
  const since = q.since ? Date.parse(q.since) : -Infinity;
  const until = q.until ? Date.parse(q.until) : Infinity;
  const key = (e: StoredEvent) =>
    q.sort_by === "observed_at"
      ? Date.parse(e.observedAt)
      : q.sort_by === "received_at"
        ? Date.parse(e.receivedAt)
        : e.seq;
  const direction = q.sort_direction === "asc" ? 1 : -1;
  const events = context.store.state.events
    .filter((e) => e.stream === stream && e.loginId === owner.user.loginId)
    .filter((e) => Date.parse(e.observedAt) >= since && Date.parse(e.observedAt) <= until)
    .sort((a, b) => direction * (key(a) - key(b) || a.seq - b.seq))
    .slice(0, q.limit)
    .map((e) => ({ event_data: e.eventData, observed_at: e.observedAt, received_at: e.receivedAt, stream }));
  if (context.choices.eventsFormat === "array") return json(200, events);
  return {
    status: 200,
    body: events.map((e) => JSON.stringify(e)).join("\n"),
    headers: { "Content-Type": "application/x-ndjson" },
  };
}
