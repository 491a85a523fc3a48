import type { Clock } from "@/lib/security/clock";
import { CAPABILITIES, type AccountKind, type Operation } from "./capabilities";
import { CookieJar } from "./cookie-jar";
import {
  BadResponse,
  CreateRefused,
  LockedOut,
  NotFound,
  NotPermittedForAccount,
  PasswordRejected,
  Pending,
  RateLimited,
  RequestRejected,
  Unauthorized,
  Unavailable,
  UsernameTaken,
  type MediumOneError,
} from "./errors";
import {
  errorBodySchema,
  eventCountSchema,
  eventSchema,
  parseJsonOrLines,
  parseLoginToken,
  splitEventDocuments,
  userListSchema,
  userSchema,
  type MediumOneEvent,
  type MediumOneUser,
} from "./schemas";
import type { Transport, TransportRequest, TransportResponse } from "./transport";
import type { z } from "zod";

/** Sessions last 24 h on Medium One; log in again a little before, rather than pay a 401 round trip. */
const SESSION_REFRESH_MS = 24 * 60 * 60 * 1000 - 5 * 60 * 1000;

export type SessionMode = "cookies" | "token";

export interface SessionContext {
  transport: Transport;
  apiKey: string;
  clock: Clock;
  mode: SessionMode;
}

export interface UserChange {
  password?: string;
  disabled?: boolean;
}

export interface EventInput {
  eventData: Record<string, unknown>;
  /** ISO-8601 with a timezone; the service uses the receive time when absent. */
  observedAt?: string;
}

export interface EventQuery {
  since?: Date;
  until?: Date;
  limit?: number;
  sortBy?: "observed_at" | "received_at" | "internal";
  sortDirection?: "asc" | "desc";
}

interface Authenticated {
  jar: CookieJar;
  token: string | undefined;
  at: number;
}

const TAKEN = /exist|already|taken|duplicate|in use/i;
const WEAK_PASSWORD = /password|complex|weak|short|requirement/i;

/** A Medium One login of one account, held in memory only, with the capabilities of its kind. */
export class MediumOneSession {
  readonly capabilities: ReadonlySet<Operation>;
  private auth: Authenticated | undefined;
  private loggingIn: Promise<Authenticated> | undefined;

  constructor(
    private readonly context: SessionContext,
    readonly kind: AccountKind,
    readonly loginId: string,
    private password: string,
  ) {
    this.capabilities = new Set(CAPABILITIES[kind]);
  }

  can(operation: Operation): boolean {
    return this.capabilities.has(operation);
  }

  /** Logs in now (also how a password is checked); later calls log in by themselves when needed. */
  async login(): Promise<void> {
    this.auth = undefined;
    await this.authenticated();
  }

  async createUser(loginId: string, password: string): Promise<{ loginId: string }> {
    this.require("createUser");
    const op = "create user";
    const response = await this.call({
      operation: op,
      method: "POST",
      path: "users",
      json: { login_id: loginId, password },
    });
    if (response.status === 200) {
      return { loginId };
    }
    if (response.status === 400 || response.status === 403) {
      throw await this.explainCreateRefusal(response, loginId, [password]);
    }
    throw this.failure(op, response, [password]);
  }

  async getUser(loginId: string): Promise<MediumOneUser> {
    this.require("getUser");
    return this.readUser("get user", loginId);
  }

  async getSelf(): Promise<MediumOneUser> {
    this.require("getSelf");
    return this.readUser("get own user", this.loginId);
  }

  async listUsers(): Promise<MediumOneUser[]> {
    this.require("listUsers");
    const op = "list users";
    const response = await this.call({ operation: op, method: "GET", path: "users" });
    if (response.status !== 200) throw this.failure(op, response);
    let body: unknown;
    try {
      body = parseJsonOrLines(response.text);
    } catch {
      throw new BadResponse("user list is not JSON", op, response.status);
    }
    return this.parse(op, userListSchema, body);
  }

  async patchUser(loginId: string, change: UserChange): Promise<void> {
    this.require("patchUser");
    await this.patch("update user", loginId, change);
  }

  async changeOwnPassword(newPassword: string): Promise<void> {
    this.require("changeOwnPassword");
    await this.patch("change own password", this.loginId, { password: newPassword });
    this.password = newPassword;
  }

  async deleteUser(loginId: string): Promise<void> {
    this.require("deleteUser");
    const op = "delete user";
    const response = await this.call({ operation: op, method: "DELETE", path: userPath(loginId) });
    if (response.status !== 200 && response.status !== 204) throw this.failure(op, response, [], true);
  }

  async readEvents(stream: string, loginId: string, query: EventQuery = {}): Promise<MediumOneEvent[]> {
    this.require("readEvents");
    const op = "read events";
    const response = await this.call({
      operation: op,
      method: "GET",
      path: eventsPath(stream, loginId),
      query: {
        since: query.since?.toISOString(),
        until: query.until?.toISOString(),
        limit: query.limit === undefined ? undefined : String(query.limit),
        sort_by: query.sortBy,
        sort_direction: query.sortDirection,
      },
    });
    if (response.status !== 200) throw this.failure(op, response);
    let documents: unknown[];
    try {
      documents = splitEventDocuments(response.text);
    } catch {
      throw new BadResponse("events are not JSON", op, response.status);
    }
    return documents.map((doc) => this.parse(op, eventSchema, doc));
  }

  /** Sends events as this device user; several go as newline-delimited JSON in one request. */
  async sendOwnEvents(stream: string, events: readonly EventInput[]): Promise<number> {
    this.require("sendOwnEvents");
    const op = "send events";
    const body = events
      .map((e) => JSON.stringify({ event_data: e.eventData, observed_at: e.observedAt }))
      .join("\n");
    const response = await this.call({
      operation: op,
      method: "POST",
      path: eventsPath(stream, this.loginId),
      rawBody: body,
    });
    if (response.status !== 200) throw this.failure(op, response);
    return this.parse(op, eventCountSchema, parseJson(op, response));
  }

  private require(operation: Operation): void {
    if (!this.can(operation)) {
      throw new NotPermittedForAccount(`a ${this.kind} session cannot ${operation}`, operation);
    }
  }

  private async readUser(op: string, loginId: string): Promise<MediumOneUser> {
    const response = await this.call({ operation: op, method: "GET", path: userPath(loginId) });
    if (response.status !== 200) throw this.failure(op, response, [], true);
    return this.parse(op, userSchema, parseJson(op, response));
  }

  private async patch(op: string, loginId: string, change: UserChange): Promise<void> {
    const secrets = change.password === undefined ? [] : [change.password];
    const response = await this.call({
      operation: op,
      method: "PATCH",
      path: userPath(loginId),
      json: change,
    });
    if (response.status === 200 || response.status === 204) return;
    if (response.status === 400 && change.password !== undefined) {
      const message = vendorMessage(response);
      if (message !== undefined && WEAK_PASSWORD.test(message)) {
        throw new PasswordRejected("new password refused", op, response.status);
      }
    }
    throw this.failure(op, response, secrets, true);
  }

  /** 400 and 403 both may mean "exists" or "password too weak"; the body tells when it does, else a GET. */
  private async explainCreateRefusal(
    response: TransportResponse,
    loginId: string,
    secrets: string[],
  ): Promise<MediumOneError> {
    const op = "create user";
    const message = vendorMessage(response) ?? "";
    if (TAKEN.test(message)) return new UsernameTaken("login_id already exists", op, response.status);
    if (WEAK_PASSWORD.test(message)) {
      return new PasswordRejected("password does not meet the rules", op, response.status);
    }
    if (this.can("getUser")) {
      try {
        await this.getUser(loginId);
        return new UsernameTaken("login_id already exists", op, response.status);
      } catch (error) {
        if (error instanceof NotFound) {
          return new PasswordRejected("refused and the login_id does not exist", op, response.status);
        }
        throw error;
      }
    }
    return new CreateRefused(
      `refused; login_id taken or password too weak (${this.detail(message, secrets)})`,
      op,
      response.status,
    );
  }

  /** Sends an authenticated request; on 401 logs in again once (the session may have expired) and retries. */
  private async call(request: TransportRequest): Promise<TransportResponse> {
    let auth = await this.authenticated();
    let response = await this.context.transport.send(this.withAuth(request, auth));
    if (response.status === 401) {
      this.auth = undefined;
      auth = await this.authenticated();
      response = await this.context.transport.send(this.withAuth(request, auth));
    }
    return response;
  }

  private withAuth(request: TransportRequest, auth: Authenticated): TransportRequest {
    return auth.token === undefined
      ? { ...request, cookie: auth.jar.header() }
      : { ...request, query: { ...request.query, token: auth.token } };
  }

  private async authenticated(): Promise<Authenticated> {
    const now = this.context.clock.now().getTime();
    if (this.auth && now - this.auth.at < SESSION_REFRESH_MS) return this.auth;
    this.loggingIn ??= this.performLogin().finally(() => (this.loggingIn = undefined));
    this.auth = await this.loggingIn;
    return this.auth;
  }

  private async performLogin(): Promise<Authenticated> {
    const op = "login";
    const token = this.context.mode === "token";
    const response = await this.context.transport.send({
      operation: op,
      method: "POST",
      path: "login",
      json: {
        login_id: this.loginId,
        password: this.password,
        api_key: this.context.apiKey,
        ...(token ? { no_cookies: true } : {}),
      },
    });
    const message = vendorMessage(response);
    if (message !== undefined && /exceed/i.test(message)) {
      throw new LockedOut("exceeded bad login count; wait before trying again", op, response.status);
    }
    if (response.status !== 200) {
      if ([400, 401, 403].includes(response.status)) {
        throw new Unauthorized(`login refused (${this.detail(message ?? "", [])})`, op, response.status);
      }
      throw this.failure(op, response);
    }
    const jar = new CookieJar();
    jar.store(response.headers.getSetCookie());
    const at = this.context.clock.now().getTime();
    if (token) {
      const value = parseLoginToken(response.text);
      if (value === null) throw new BadResponse("login answered without a token", op, response.status);
      return { jar, token: value, at };
    }
    if (jar.size === 0) throw new BadResponse("login set no session cookie", op, response.status);
    return { jar, token: undefined, at };
  }

  /** Maps a status that the operation does not handle itself to a typed error. */
  private failure(op: string, response: TransportResponse, secrets: string[] = [], userScoped = false) {
    const status = response.status;
    const detail = this.detail(vendorMessage(response) ?? "", secrets);
    if (status === 202) return new Pending("accepted, still in progress", op, status);
    if (status === 404 || (userScoped && status === 403)) return new NotFound("no such user", op, status);
    if (status === 401 || status === 403) return new Unauthorized(`not permitted (${detail})`, op, status);
    if (status === 429) {
      return new RateLimited(
        op,
        status,
        retryAfterMs(response.headers.get("retry-after"), this.context.clock),
      );
    }
    if (status >= 500) return new Unavailable(`service error (HTTP ${status})`, op, status);
    if (status >= 400) return new RequestRejected(`refused (${detail})`, op, status);
    return new BadResponse(`unexpected HTTP ${status}`, op, status);
  }

  /** A vendor message made safe to put in an error: shortened, with every secret of this call blanked. */
  private detail(message: string, secrets: string[]): string {
    let safe = message.slice(0, 200);
    const known = [this.password, this.context.apiKey, this.auth?.token, ...secrets];
    for (const secret of known) {
      if (secret) safe = safe.split(secret).join("[redacted]");
    }
    return safe === "" ? "no message" : safe;
  }

  private parse<S extends z.ZodType>(op: string, schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new BadResponse(
        `unexpected response shape at ${parsed.error.issues[0]?.path.join(".") || "(root)"}`,
        op,
      );
    }
    return parsed.data;
  }
}

function userPath(loginId: string): string {
  return `users/${encodeURIComponent(loginId)}`;
}

function eventsPath(stream: string, loginId: string): string {
  return `events/${encodeURIComponent(stream)}/${encodeURIComponent(loginId)}`;
}

function parseJson(op: string, response: TransportResponse): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    throw new BadResponse("response is not JSON", op, response.status);
  }
}

function vendorMessage(response: TransportResponse): string | undefined {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(response.text));
    return parsed.success ? parsed.data.error.message : undefined;
  } catch {
    return undefined;
  }
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, clock: Clock): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - clock.now().getTime());
}
