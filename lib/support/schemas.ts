/**
 * One zod schema per console and repair-link input, shared by the forms and the server actions.
 * Browser-safe: imports nothing server-side.
 */
import { z } from "zod";
import { reasonSchema } from "@/lib/auth/staff-schemas";
import { passwordSchema, type PasswordRule } from "@/lib/onboarding/contract";

export const PASSWORD_RESET_NEEDS_BUSINESS =
  "Password resets need a Medium One business account, and this deployment uses a registration-only account. Send a re-pair link instead, or change the password in the Medium One portal.";

const deviceIdSchema = z.uuid({ error: "Unknown device." });

/** Every device action: which device, and why (the reason goes into the audit event). */
export const deviceActionSchema = z.object({ deviceId: deviceIdSchema, reason: reasonSchema });
export type DeviceActionInput = z.infer<typeof deviceActionSchema>;

/** Unlock: all of the device's own limits, or one client's (`client:<key>`, a key seen on this device). */
export const unlockSchema = deviceActionSchema.extend({
  scope: z.string({ error: "Choose what to unlock." }).regex(/^(device|client:[A-Za-z0-9_-]{1,128})$/, {
    error: "Choose what to unlock.",
  }),
});
export type UnlockInput = z.infer<typeof unlockSchema>;

export const OWNER_USER_CHOICES = ["disable", "delete"] as const;
export type OwnerUserChoice = (typeof OWNER_USER_CHOICES)[number];

export const releaseSchema = deviceActionSchema.extend({
  ownerUser: z.enum(OWNER_USER_CHOICES, { error: "Choose what happens to the owner's Medium One user." }),
});
export type ReleaseInput = z.infer<typeof releaseSchema>;

/** Tokens are 32 random bytes, base64url: anything else is not a link we made. */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const repairWithLinkSchema = z.object({
  token: linkTokenSchema,
  password: z.string().min(1, "Enter the device's current password.").max(64),
});
export type RepairWithLinkInput = z.infer<typeof repairWithLinkSchema>;

export function passwordResetSchema(rule: PasswordRule) {
  return z
    .object({ token: linkTokenSchema, password: passwordSchema(rule), confirmPassword: z.string() })
    .refine((v) => v.password === v.confirmPassword, {
      path: ["confirmPassword"],
      message: "The two passwords do not match.",
    });
}
export type PasswordResetInput = z.infer<ReturnType<typeof passwordResetSchema>>;

const optionalText = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined),
  z.string().max(200).optional(),
);
/** `datetime-local` values, read as UTC (the console shows every time in UTC). */
const optionalTime = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Use a date and time.")
    .transform((v) => new Date(`${v}Z`))
    .optional(),
);

/** The audit log's filters, from the page's query string. */
export const auditFilterSchema = z.object({
  staff: optionalText,
  device: optionalText,
  action: optionalText,
  from: optionalTime,
  to: optionalTime,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
