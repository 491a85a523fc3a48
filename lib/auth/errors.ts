/**
 * The errors of the staff access layer whose messages are written for the person at the console. `staffAction`
 * shows these (and only these) to the browser; anything else becomes a generic message.
 */
export class StaffActionError extends Error {
  constructor(
    message: string,
    /** The form field the message belongs to, when it is about one input. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "StaffActionError";
  }
}

/** No signed-in staff member (or a disabled one, or a session older than the last password reset). */
export class SignedOutError extends Error {
  constructor() {
    super("Please sign in again.");
    this.name = "SignedOutError";
  }
}
