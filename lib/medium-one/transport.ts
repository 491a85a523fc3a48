import { OutcomeUnknown, Unavailable } from "./errors";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** REST base ending in `/v2/`. */
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
}

export interface TransportRequest {
  /** Names the call in errors, e.g. "create user"; never carries a value. */
  operation: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the base, already encoded, e.g. `users/a%40b`. */
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  rawBody?: string;
  cookie?: string;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Errors that prove nothing reached the service, so the call certainly did not happen. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

function networkCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested)) codes.push(...nested.flatMap(networkCodes));
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** One HTTP exchange with a deadline over the whole request and body; no knowledge of sessions or statuses. */
export class Transport {
  private readonly base: URL;

  constructor(private readonly options: TransportOptions) {
    this.base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    const url = new URL(request.path, this.base);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = { Accept: "application/json" };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(request.json);
    } else if (request.rawBody !== undefined) {
      headers["Content-Type"] = "application/json";
      body = request.rawBody;
    }
    if (request.cookie) headers.Cookie = request.cookie;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await this.options.fetch(url.toString(), {
        method: request.method,
        headers,
        body,
        signal: controller.signal,
        redirect: "manual",
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (controller.signal.aborted) {
        throw new OutcomeUnknown(`no answer within ${this.options.timeoutMs} ms`, request.operation);
      }
      if (networkCodes(error).some((code) => NOT_SENT_CODES.has(code))) {
        throw new Unavailable("service unreachable (connection refused)", request.operation);
      }
      throw new OutcomeUnknown("connection lost before the answer arrived", request.operation);
    } finally {
      clearTimeout(timer);
    }
  }
}
