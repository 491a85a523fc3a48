import { z } from "zod";
import { base64urlDecode } from "./bytes";
import { DEFAULT_RETRY_AFTER_SECONDS, DEVICE_API_PATHS, LENGTHS, type DeviceApiOperation } from "./constants";
import { backoffMs, type Timing } from "./timing";

/** A final answer of the device API (§5.1), or the retry budget running out. `code` is the server's code. */
export class DeviceApiError extends Error {
  override readonly name = "DeviceApiError";
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const b64 = (length: number) =>
  z.string().refine((text) => {
    try {
      base64urlDecode(text, length);
      return true;
    } catch {
      return false;
    }
  }, `base64url of ${length} bytes`);

/** Response bodies (§5.2–§5.5). Not strict: a later server may add fields. */
export const responseSchemas = {
  hello: z.object({ nonce: b64(LENGTHS.serverNonce), expires_at: z.iso.datetime() }),
  redeem: z.object({
    bundle: z.object({ nonce: b64(LENGTHS.bundleNonce), ciphertext: z.string().min(1) }),
  }),
  ack: z.object({ ok: z.literal(true) }),
  connected: z.object({ ok: z.literal(true) }),
} satisfies Record<DeviceApiOperation, z.ZodType>;
export type DeviceApiResponse<Op extends DeviceApiOperation> = z.infer<(typeof responseSchemas)[Op]>;

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export interface DeviceApiOptions {
  /** Firmware-configured base URL, e.g. https://onboard.example.com (never from the QR). */
  baseUrl: string;
  fetch: typeof fetch;
  timing: Timing;
  /** `timing.now()` after which retrying stops: the session's 10 minutes (§9). */
  deadline: number;
  requestTimeoutMs: number;
  /** Told before each wait, so an operator sees why nothing happens. */
  onRetry?: (op: DeviceApiOperation, reason: string, waitMs: number) => void;
}

type Outcome<Op extends DeviceApiOperation> =
  | { kind: "ok"; body: DeviceApiResponse<Op> }
  | { kind: "retry"; waitMs: number; reason: string; code: string };

/**
 * The device API with §9's retry rules: network errors, timeouts and 5xx retry the same request with backoff,
 * `rate_limited` waits `Retry-After`, all until the deadline; every other error is thrown at once (the caller
 * handles `stale_nonce` by saying hello again, since that needs a new signature).
 */
export class DeviceApi {
  constructor(private readonly options: DeviceApiOptions) {}

  async call<Op extends DeviceApiOperation>(op: Op, body: object): Promise<DeviceApiResponse<Op>> {
    const { timing, deadline } = this.options;
    const text = JSON.stringify(body);
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.attempt(op, text, attempt);
      if (outcome.kind === "ok") return outcome.body;
      if (timing.now() + outcome.waitMs >= deadline) {
        throw new DeviceApiError(
          outcome.code,
          `gave up after ${attempt + 1} attempts, the session's time is over (last: ${outcome.reason})`,
        );
      }
      this.options.onRetry?.(op, outcome.reason, outcome.waitMs);
      await timing.sleep(outcome.waitMs);
    }
  }

  private async attempt<Op extends DeviceApiOperation>(
    op: Op,
    text: string,
    attempt: number,
  ): Promise<Outcome<Op>> {
    const backoff = () => backoffMs(attempt, this.options.timing.random);
    let response: Response;
    try {
      response = await this.options.fetch(
        `${this.options.baseUrl.replace(/\/+$/, "")}${DEVICE_API_PATHS[op]}`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: text,
          signal: AbortSignal.timeout(this.options.requestTimeoutMs),
        },
      );
    } catch (cause) {
      const reason = cause instanceof Error && cause.name === "TimeoutError" ? "timeout" : "network error";
      return { kind: "retry", waitMs: backoff(), reason, code: "network_error" };
    }
    const raw = await response.text().catch(() => "");
    if (response.status >= 500) {
      return { kind: "retry", waitMs: backoff(), reason: `HTTP ${response.status}`, code: "server_error" };
    }
    if (response.status === 429) {
      const seconds = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
      const wait = Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_RETRY_AFTER_SECONDS;
      return { kind: "retry", waitMs: wait * 1000, reason: "rate_limited", code: "rate_limited" };
    }
    const json = parseJson(raw);
    if (response.status === 200) {
      const parsed = responseSchemas[op].safeParse(json);
      if (!parsed.success)
        throw new DeviceApiError("bad_response", `${op} answered 200 with an unexpected body`, 200);
      return { kind: "ok", body: parsed.data as DeviceApiResponse<Op> };
    }
    const error = errorBodySchema.safeParse(json);
    if (!error.success) {
      throw new DeviceApiError(
        "bad_response",
        `HTTP ${response.status} without an error body`,
        response.status,
      );
    }
    throw new DeviceApiError(error.data.error.code, error.data.error.message, response.status);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
