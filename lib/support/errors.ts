import { SetupError } from "@/lib/onboarding/errors";

/** A repair link that is unknown, used, expired, or for an owner the device no longer has: one answer for all. */
export class LinkUnusable extends SetupError {
  constructor() {
    super("This link has expired or has already been used. Please ask support for a new one.");
  }
}

/** The configured Medium One account cannot change a user's password (a registration-only account). */
export class PasswordResetUnavailable extends SetupError {
  constructor() {
    super("Password resets are not available for this service right now. Please contact support.");
  }
}
