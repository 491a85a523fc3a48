const KIND = Symbol.for("onboard.mediumOneError.kind");

/**
 * Typed failures of Medium One calls. Messages name the operation and the HTTP status, never a password, token,
 * API key or URL (token mode puts the token in the URL), so an error can be logged as it is.
 *
 * Next.js can bundle this module more than once in one process (instrumentation, server actions, route
 * handlers), while the client is shared through globalThis: an error thrown by one bundle's class must still be
 * `instanceof` the other bundle's. So class identity is a stable name carried by the instance, not the
 * constructor; the name also survives minification, which rewrites class names.
 */
export abstract class MediumOneError extends Error {
  static readonly kind: string = "MediumOneError";

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null || !(KIND in value)) return false;
    return this.kind === "MediumOneError" || (value as { [KIND]: string })[KIND] === this.kind;
  }

  /** Whether trying the same call again later can succeed without changing anything. */
  abstract readonly retryable: boolean;

  constructor(
    message: string,
    readonly operation: string,
    readonly status?: number,
  ) {
    super(`Medium One ${operation}: ${message}`);
    const kind = (new.target as unknown as { kind: string }).kind;
    this.name = kind;
    Object.defineProperty(this, KIND, { value: kind });
  }
}

export class UsernameTaken extends MediumOneError {
  static override readonly kind = "UsernameTaken";
  readonly retryable = false;
}

export class PasswordRejected extends MediumOneError {
  static override readonly kind = "PasswordRejected";
  readonly retryable = false;
}

/** A create was refused with 400/403 and neither the body nor a lookup could tell "exists" from "password too weak". */
export class CreateRefused extends MediumOneError {
  static override readonly kind = "CreateRefused";
  readonly retryable = false;
}

export class RateLimited extends MediumOneError {
  static override readonly kind = "RateLimited";
  readonly retryable = true;
  constructor(
    operation: string,
    status: number,
    /** From a Retry-After header, when the service sent one. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(
      retryAfterMs === undefined ? "rate limited" : `rate limited, retry after ${retryAfterMs} ms`,
      operation,
      status,
    );
  }
}

/** 5xx, or the connection was refused before anything was sent: the call did not happen. */
export class Unavailable extends MediumOneError {
  static override readonly kind = "Unavailable";
  readonly retryable = true;
}

/** Bad credentials, a disabled user or an API key that is wrong or disabled. */
export class Unauthorized extends MediumOneError {
  static override readonly kind = "Unauthorized";
  readonly retryable = false;
}

/** 202: accepted, still in progress; poll for the result. */
export class Pending extends MediumOneError {
  static override readonly kind = "Pending";
  readonly retryable = true;
}

/** The request was sent but no answer came (timeout, connection reset): it may or may not have happened. */
export class OutcomeUnknown extends MediumOneError {
  static override readonly kind = "OutcomeUnknown";
  readonly retryable = true;
}

/** "Exceeded bad login count": wait (5 minutes without attempts on the real service). */
export class LockedOut extends MediumOneError {
  static override readonly kind = "LockedOut";
  readonly retryable = true;
}

export class NotFound extends MediumOneError {
  static override readonly kind = "NotFound";
  readonly retryable = false;
}

/** The session's account kind cannot make this call; thrown before any request. */
export class NotPermittedForAccount extends MediumOneError {
  static override readonly kind = "NotPermittedForAccount";
  readonly retryable = false;
}

/** The service answered with something we cannot read, or refused the request as malformed (400). */
export class BadResponse extends MediumOneError {
  static override readonly kind = "BadResponse";
  readonly retryable = false;
}

/** Any other refusal (such as a 400 for a malformed request): a bug on our side, not worth retrying. */
export class RequestRejected extends MediumOneError {
  static override readonly kind = "RequestRejected";
  readonly retryable = false;
}
