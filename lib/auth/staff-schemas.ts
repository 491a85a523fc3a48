/**
 * One zod schema per staff input, shared by the console's forms, its server actions and the staff CLI.
 * Browser-safe: imports nothing server-side.
 */
import { z } from "zod";

export const STAFF_ROLE_VALUES = ["support", "admin"] as const;

/** Usernames are case-folded: `Alice` signs in as `alice`. */
export const staffUsernameSchema = z
  .string({ error: "Enter a username." })
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters.")
  .max(64, "Use at most 64 characters.")
  .regex(/^[a-z0-9][a-z0-9._@-]*$/, "Use letters, digits and . _ @ - only, starting with a letter or digit.");

export const staffDisplayNameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

export const staffPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(12, "Use at least 12 characters.")
  .max(128, "Use at most 128 characters.");

export const staffRoleSchema = z.enum(STAFF_ROLE_VALUES, { error: "Choose support or admin." });

/** Every staff action asks why; the reason goes into the audit event. */
export const reasonSchema = z
  .string({ error: "Say why." })
  .trim()
  .min(3, "Say why (at least 3 characters).")
  .max(500, "Use at most 500 characters.");

export const staffIdSchema = z.uuid({ error: "Unknown staff member." });

/** An empty password field means "generate one and show it once". */
const optionalPassword = z.preprocess((v) => (v === "" ? undefined : v), staffPasswordSchema.optional());

export const signInSchema = z.object({
  username: z.string().trim().min(1, "Enter your username.").max(200, "That is too long for a username."),
  password: z.string().min(1, "Enter your password.").max(200, "That is too long for a password."),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const createStaffSchema = z.object({
  username: staffUsernameSchema,
  displayName: staffDisplayNameSchema,
  role: staffRoleSchema,
  password: optionalPassword,
  reason: reasonSchema,
});
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const setStaffDisabledSchema = z.object({
  staffId: staffIdSchema,
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
  reason: reasonSchema,
});
export type SetStaffDisabledInput = z.infer<typeof setStaffDisabledSchema>;

export const setStaffRoleSchema = z.object({
  staffId: staffIdSchema,
  role: staffRoleSchema,
  reason: reasonSchema,
});
export type SetStaffRoleInput = z.infer<typeof setStaffRoleSchema>;

export const resetStaffPasswordSchema = z.object({
  staffId: staffIdSchema,
  password: optionalPassword,
  reason: reasonSchema,
});
export type ResetStaffPasswordInput = z.infer<typeof resetStaffPasswordSchema>;
