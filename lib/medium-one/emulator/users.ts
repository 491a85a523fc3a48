import { z } from "zod";
import { authenticate, NOT_LOGGED_IN } from "./auth";
import { visibleUser, type EmulatorContext, type EmulatorRequest } from "./context";
import { EMPTY_OK, error, json, parseJsonBody, type EmulatorResponse } from "./http";
import { hashPassword, meetsRule } from "./passwords";
import { newMqttId, type StoredUser } from "./store";

const createBodySchema = z.object({ login_id: z.string().min(1).max(255), password: z.string().min(1) });
const patchBodySchema = z
  .object({ password: z.string().min(1).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.password !== undefined || b.disabled !== undefined);

const WEAK = "Password does not meet minimum complexity requirements";
const VAGUE = "User could not be created";

export function userBody(context: EmulatorContext, user: StoredUser) {
  return { login_id: user.loginId, [context.choices.mqttIdKey]: user.mqttId, disabled: user.disabled };
}

function mutationResult(context: EmulatorContext, loginId: string): EmulatorResponse {
  return context.choices.mutationBody === "login_id" ? json(200, { login_id: loginId }) : EMPTY_OK;
}

/** POST /v2/users: business and registration users create basic users. */
export function createUser(context: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const caller = authenticate(context, request);
  if (!caller) return NOT_LOGGED_IN;
  if (caller.role === "basic") return error(401, "Not permitted to create users");
  const parsed = parseJsonBody(request.body, createBodySchema, "Missing login_id or password");
  if (!parsed.ok) return parsed.response;
  const { login_id: loginId, password } = parsed.value;
  const vague = context.choices.createErrorDetail === "vague";
  if (context.store.state.users[loginId]) {
    return error(context.choices.duplicateStatus, vague ? VAGUE : "User already exists");
  }
  if (!meetsRule(password, context.passwordRule)) return error(400, vague ? VAGUE : WEAK);

  const now = context.clock.now().getTime();
  const later = request.acceptedLater;
  context.store.state.users[loginId] = {
    loginId,
    role: "basic",
    passwordHash: hashPassword(password),
    mqttId: newMqttId(),
    disabled: false,
    createdAt: now,
    ...(later?.readyAfterMs !== undefined ? { visibleAt: now + later.readyAfterMs } : {}),
    ...(later?.readyAfterPolls !== undefined ? { pollsUntilVisible: later.readyAfterPolls } : {}),
  };
  context.store.save();
  return json(later ? 202 : 200, { login_id: loginId });
}

/** GET /v2/users: business users list the basic users. */
export function listUsers(context: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const caller = authenticate(context, request);
  if (!caller) return NOT_LOGGED_IN;
  if (caller.role !== "business") return error(403, "Not permitted to list users");
  const users = Object.values(context.store.state.users)
    .filter((u) => u.role === "basic" && visibleUser(context, u.loginId, false))
    .map((u) => userBody(context, u));
  return json(200, context.choices.listShape === "array" ? users : { users });
}

/** Resolves the target of /v2/users/{login_id}: business may reach any basic user, anyone else only itself. */
function target(
  context: EmulatorContext,
  request: EmulatorRequest,
  loginId: string,
  allowSelf: boolean,
): { user: StoredUser } | { response: EmulatorResponse } {
  const caller = authenticate(context, request);
  if (!caller) return { response: NOT_LOGGED_IN };
  const self = caller.loginId === loginId;
  if (!(caller.role === "business" || (allowSelf && self))) {
    return { response: error(403, "Not permitted") };
  }
  const user = visibleUser(context, loginId, request.method === "GET");
  if (!user || (!self && user.role !== "basic")) {
    return { response: error(context.choices.userNotFoundStatus, "User not found") };
  }
  return { user };
}

export function getUser(context: EmulatorContext, request: EmulatorRequest, loginId: string) {
  const found = target(context, request, loginId, true);
  return "response" in found ? found.response : json(200, userBody(context, found.user));
}

export function patchUser(context: EmulatorContext, request: EmulatorRequest, loginId: string) {
  const parsed = parseJsonBody(request.body, patchBodySchema, "Only password and disabled can be changed");
  const found = target(context, request, loginId, true);
  if ("response" in found) return found.response;
  if (!parsed.ok) return parsed.response;
  const { password, disabled } = parsed.value;
  if (password !== undefined && !meetsRule(password, context.passwordRule)) return error(400, WEAK);
  if (password !== undefined) found.user.passwordHash = hashPassword(password);
  if (disabled !== undefined) found.user.disabled = disabled;
  context.store.save();
  return mutationResult(context, loginId);
}

export function deleteUser(context: EmulatorContext, request: EmulatorRequest, loginId: string) {
  const found = target(context, request, loginId, false);
  if ("response" in found) return found.response;
  const state = context.store.state;
  delete state.users[loginId];
  state.sessions = state.sessions.filter((s) => s.loginId !== loginId);
  state.events = state.events.filter((e) => e.loginId !== loginId);
  context.store.save();
  return mutationResult(context, loginId);
}
