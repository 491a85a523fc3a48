/**
 * Typed failures of Medium One calls. Messages name the operation and the HTTP status, never a password, token,
 * API key or URL (token mode puts the token in the URL), so an error can be logged as it is.
 */
export abstract class MediumOneError extends Error {
  /** Whether trying the same call again later can succeed without changing anything. */
  abstract readonly retryable: boolean;

  constructor(
    message: string,
    readonly operation: string,
    readonly status?: number,
  ) {
    super(`Medium One ${operation}: ${message}`);
    this.name = new.target.name;
  }
}

export class UsernameTaken extends MediumOneError {
  readonly retryable = false;
}

export class PasswordRejected extends MediumOneError {
  readonly retryable = false;
}

/** A create was refused with 400/403 and neither the body nor a lookup could tell "exists" from "password too weak". */
export class CreateRefused extends MediumOneError {
  readonly retryable = false;
}

export class RateLimited extends MediumOneError {
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
  readonly retryable = true;
}

/** Bad credentials, a disabled user or an API key that is wrong or disabled. */
export class Unauthorized extends MediumOneError {
  readonly retryable = false;
}

/** 202: accepted, still in progress; poll for the result. */
export class Pending extends MediumOneError {
  readonly retryable = true;
}

/** The request was sent but no answer came (timeout, connection reset): it may or may not have happened. */
export class OutcomeUnknown extends MediumOneError {
  readonly retryable = true;
}

/** "Exceeded bad login count": wait (5 minutes without attempts on the real service). */
export class LockedOut extends MediumOneError {
  readonly retryable = true;
}

export class NotFound extends MediumOneError {
  readonly retryable = false;
}

/** The session's account kind cannot make this call; thrown before any request. */
export class NotPermittedForAccount extends MediumOneError {
  readonly retryable = false;
}

/** The service answered with something we cannot read, or refused the request as malformed (400). */
export class BadResponse extends MediumOneError {
  readonly retryable = false;
}

/** Any other refusal (such as a 400 for a malformed request): a bug on our side, not worth retrying. */
export class RequestRejected extends MediumOneError {
  readonly retryable = false;
}
