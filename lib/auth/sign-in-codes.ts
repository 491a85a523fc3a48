/**
 * The error code the sign-in form receives from next-auth for a locked username or client (next-auth passes the
 * message of an error thrown by `authorize`). Browser-safe, so the form and the server share it.
 */
export const SIGN_IN_LOCKED = "StaffSignInLocked";
