/**
 * The setup's typed failures. Each carries a message written for the consumer (safe to show: no vendor, driver or
 * secret text), the input it belongs to when there is one, and whether the same input can work later.
 * Anything that is not a SetupError reaches the browser only as a generic message with the support code.
 */
export type SetupField = "code" | "loginId" | "password" | "confirmPassword" | "acceptTerms" | "termsVersion";

export abstract class SetupError extends Error {
  /** The input the message belongs to; a form-level message when absent. */
  readonly field?: SetupField;
  readonly retryable: boolean = false;
  /** The attempt's support code, once there is an attempt. */
  supportCode?: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

function fieldError(field: SetupField) {
  return class extends SetupError {
    override readonly field = field;
  };
}

/** Unknown codes and devices hidden in this mode get this one answer, so a guesser learns nothing. */
export class UnknownCode extends fieldError("code") {
  constructor() {
    super("We could not find a device with this code. Check the code on the box and try again.");
  }
}

/** The code does not pass its format or check character (the browser normally catches this first). */
export class InvalidCode extends fieldError("code") {}

/** The attempt is unknown, belongs to another code, or is too old: the page goes back to the code step. */
export class AttemptInvalid extends fieldError("code") {
  constructor() {
    super("Please enter the device code again.");
  }
}

export class AlreadySetUp extends SetupError {
  constructor() {
    super(
      "This device is already set up. To connect it again, sign in with the username and password it was set up with.",
    );
  }
}

export class UsernameUnavailable extends fieldError("loginId") {
  constructor(message = "This username is taken. Please choose another.") {
    super(message);
  }
}

export class PasswordTooWeak extends fieldError("password") {}

/** Renew and repair: the password (or, for repair, the username and password pair) is not this device's. */
export class WrongCredentials extends fieldError("password") {}

export class TooManyRequests extends SetupError {
  override readonly retryable = true;
  constructor(readonly retryAfterSec: number) {
    super(`Too many tries. Please wait ${describeWait(retryAfterSec)} and try again.`);
  }
}

/** A cap or daily budget is spent: retrying soon with the same input will not help. */
export class LimitReached extends SetupError {}

/** Medium One is busy or down, or its answer was lost: the same username and password will work later. */
export class MediumOneBusy extends SetupError {
  override readonly retryable = true;
  constructor(message = "Medium One is not answering right now. Please try again in a minute.") {
    super(message);
  }
}

/** Another request is working on this same claim (a double submit); trying again shortly finds it done. */
export class ClaimBusy extends SetupError {
  override readonly retryable = true;
  constructor() {
    super("Your setup is still being processed. Please try again in a moment.");
  }
}

export class ClaimEnded extends SetupError {
  constructor() {
    super("This setup has ended. Please start again with the code on the box.");
  }
}

/** Wraps any other failure with the attempt's support code; its message is generic, the cause stays server-side. */
export class SetupFailed extends SetupError {
  override readonly retryable = true;
  constructor(override readonly cause: unknown) {
    super("Something went wrong on our side. Please try again; if it keeps happening, contact support.");
  }
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}
