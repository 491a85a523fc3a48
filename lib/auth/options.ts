import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { requestClientKey } from "@/lib/http/request-context";
import { SIGN_IN_PATH } from "./paths";
import { SIGN_IN_LOCKED } from "./sign-in-codes";
import { authRuntime } from "./runtime";
import { attemptStaffSignIn } from "./sign-in";
import type { StaffSessionClaims } from "./staff-session";
import { signInSchema } from "./staff-schemas";

/** Short sessions: 30 minutes, renewed (by the console's keep-alive) at most every 5 minutes while in use. */
export const SESSION_MAX_AGE_SEC = 30 * 60;
export const SESSION_UPDATE_AGE_SEC = 5 * 60;

const claimsSchema = z.object({ staffId: z.uuid(), authAt: z.number().int().positive() });

/** The claims inside a session (a next-auth session object or JWT); anything malformed is no session. */
export function parseSessionClaims(value: unknown): StaffSessionClaims | null {
  const parsed = claimsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

let options: AuthOptions | undefined;

/**
 * next-auth v4 options: a credentials provider over staff_users, JWT sessions that carry only the staff id and the
 * sign-in time (the role is re-read on every request, lib/auth/dal.ts).
 *
 * Built on first use, not at import, because `next build` imports route modules and must not load the config.
 * next-auth builds its callback URLs from NEXTAUTH_URL; unless the environment sets it, it is PUBLIC_BASE_URL
 * (config.publicBaseUrl), so one setting names the app's address.
 */
export function getAuthOptions(): AuthOptions {
  if (options) return options;
  const config = getConfig();
  process.env.NEXTAUTH_URL ??= config.publicBaseUrl;
  options = {
    secret: config.secrets.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SEC, updateAge: SESSION_UPDATE_AGE_SEC },
    pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
    providers: [
      CredentialsProvider({
        name: "Staff",
        credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const input = signInSchema.safeParse(credentials);
          if (!input.success) return null;
          const { db, clock } = await authRuntime();
          const headers = new Headers();
          for (const [name, value] of Object.entries(req.headers ?? {})) {
            if (typeof value === "string") headers.set(name, value);
          }
          const outcome = await attemptStaffSignIn(
            { db, clock, authSecret: config.secrets.authSecret },
            { ...input.data, clientKey: requestClientKey(headers) },
          );
          if (outcome.ok) return { id: outcome.staff.id, name: outcome.staff.displayName };
          if (outcome.reason === "locked") throw new Error(SIGN_IN_LOCKED);
          return null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const { clock } = await authRuntime();
          const claims: StaffSessionClaims = { staffId: user.id, authAt: clock.now().getTime() };
          // Only who and when: no name or e-mail in the cookie (the name is read fresh with the role).
          return { sub: user.id, ...claims };
        }
        return token;
      },
      // The session object holds only the claims; the name and role come from the database, fresh, per request.
      async session({ session, token }) {
        const claims = parseSessionClaims(token);
        return { expires: session.expires, ...(claims ?? {}) };
      },
    },
  };
  return options;
}
