import { randomBytes } from "node:crypto";
import { z } from "zod";
import { SESSION_LIFETIME_MS } from "./choices";
import { visibleUser, type EmulatorContext, type EmulatorRequest } from "./context";
import { error, json, parseJsonBody, type EmulatorResponse } from "./http";
import { verifyPassword } from "./passwords";
import { hashToken, type StoredUser } from "./store";

const loginBodySchema = z.object({
  login_id: z.string().min(1),
  password: z.string().min(1),
  api_key: z.string().min(1),
  no_cookies: z.unknown().optional(),
});

/** POST /v2/login: cookie or token session, lockout, disabled users and API keys refused. */
export function login(context: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const parsed = parseJsonBody(request.body, loginBodySchema, "Missing login_id, password or api_key");
  if (!parsed.ok) return parsed.response;
  const { login_id: loginId, password, api_key: apiKey } = parsed.value;
  const { choices, lockout } = context;
  const now = context.clock.now().getTime();

  if (context.apiKeys.get(apiKey) !== true) {
    return error(choices.wrongPasswordStatus, "Invalid API key or API key disabled");
  }
  if (lockout.isLocked(loginId, request.ip, now)) {
    return error(choices.lockoutStatus, "Exceeded bad login count");
  }
  const user = visibleUser(context, loginId, true);
  if (!user) {
    lockout.recordFailure(loginId, request.ip, now);
    return error(403, "No user with that login_id, or not allowed to log in");
  }
  if (!verifyPassword(password, user.passwordHash)) {
    lockout.recordFailure(loginId, request.ip, now);
    return error(choices.wrongPasswordStatus, "Invalid password");
  }
  if (user.disabled) return error(403, "User is disabled");
  lockout.recordSuccess(loginId, request.ip);

  const token = randomBytes(24).toString("base64url");
  const expiresAt = now + SESSION_LIFETIME_MS;
  const sessions = context.store.state.sessions.filter((s) => s.expiresAt > now);
  sessions.push({ tokenHash: hashToken(token), loginId, expiresAt });
  context.store.state.sessions = sessions;
  context.store.save();

  const tokenMode = parsed.value.no_cookies !== undefined || request.query.has("no_cookies");
  if (tokenMode) {
    return choices.tokenBody === "json-string"
      ? json(200, token)
      : { status: 200, body: token, headers: { "Content-Type": "text/plain" } };
  }
  const cookie = `${choices.cookieName}=${token}; Path=/; HttpOnly; Max-Age=${SESSION_LIFETIME_MS / 1000}`;
  return choices.loginBody === "true"
    ? json(200, true, { "Set-Cookie": cookie })
    : { status: 200, headers: { "Set-Cookie": cookie } };
}

/** The logged-in user of a request (cookie or `?token=`), or undefined when absent, expired or disabled. */
export function authenticate(context: EmulatorContext, request: EmulatorRequest): StoredUser | undefined {
  const token = request.query.get("token") ?? request.cookies.get(context.choices.cookieName);
  if (!token) return undefined;
  const hash = hashToken(token);
  const session = context.store.state.sessions.find((s) => s.tokenHash === hash);
  if (!session || session.expiresAt <= context.clock.now().getTime()) return undefined;
  const user = context.store.state.users[session.loginId];
  return user && !user.disabled ? user : undefined;
}

export const NOT_LOGGED_IN = error(401, "Not logged in or session expired");
