/**
 * The consumer setup's contract between the browser and the server: one zod schema per input (used by the form's
 * resolver and again by the server action), the result shapes, and the password rule. Browser-safe: imports
 * nothing server-side.
 */
import { z } from "zod";
import type { ActionResult as SharedActionResult } from "@/lib/http/action-result";

/** The terms version the setup shows and records; the text lives in lib/onboarding/terms.ts. */
export const TERMS_VERSION = "2026-11-01";

/**
 * The rule a device password must meet. Medium One does not publish its own; every sample uses at least 8
 * characters with upper, lower and digit, so the default asks a little more. Configurable (PASSWORD_MIN_LENGTH,
 * PASSWORD_MIN_SCORE) and passed from the server page to the form, so both check the same rule.
 */
export interface PasswordRule {
  minLength: number;
  maxLength: number;
  requireUpper: boolean;
  requireLower: boolean;
  requireDigit: boolean;
  /** Minimum zxcvbn-ts score (0–4); common and guessable passwords score low. */
  minScore: number;
}

export const DEFAULT_PASSWORD_RULE: PasswordRule = {
  minLength: 10,
  maxLength: 64,
  requireUpper: true,
  requireLower: true,
  requireDigit: true,
  minScore: 3,
};

/** Medium One login ids: plain names or e-mail addresses; case-insensitive for reservations. */
export const loginIdSchema = z
  .string()
  .trim()
  .min(3, "Use at least 3 characters.")
  .max(64, "Use at most 64 characters.")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@+-]*$/,
    "Use letters, digits and . _ @ + - only, starting with a letter or digit.",
  );

/** The rule's character-class checks (the strength score is checked separately, where zxcvbn is loaded). */
export function passwordSchema(rule: PasswordRule) {
  let schema = z
    .string()
    .min(rule.minLength, `Use at least ${rule.minLength} characters.`)
    .max(rule.maxLength, `Use at most ${rule.maxLength} characters.`);
  if (rule.requireUpper) schema = schema.regex(/[A-Z]/, "Include an upper-case letter.");
  if (rule.requireLower) schema = schema.regex(/[a-z]/, "Include a lower-case letter.");
  if (rule.requireDigit) schema = schema.regex(/[0-9]/, "Include a digit.");
  return schema;
}

/** The box code as typed; the server normalises it with lib/devices/box-code.ts, as the browser already did. */
export const boxCodeInputSchema = z
  .string()
  .trim()
  .min(1, "Enter the code printed on the box.")
  .max(40, "That is too long for a device code.");

export const codeStepSchema = z.object({ code: boxCodeInputSchema });
export type CodeStepInput = z.infer<typeof codeStepSchema>;

export const usernameCheckSchema = z.object({
  attemptId: z.uuid(),
  code: boxCodeInputSchema,
  loginId: loginIdSchema,
});
export type UsernameCheckInput = z.infer<typeof usernameCheckSchema>;

/** The answer of the availability check; `false` also for names the setup never offers. */
export interface UsernameAvailability {
  available: boolean;
}

export function accountSchema(rule: PasswordRule) {
  return z
    .object({ loginId: loginIdSchema, password: passwordSchema(rule), confirmPassword: z.string() })
    .refine((v) => v.password === v.confirmPassword, {
      path: ["confirmPassword"],
      message: "The two passwords do not match.",
    })
    .refine((v) => v.password.toLowerCase() !== v.loginId.toLowerCase(), {
      path: ["password"],
      message: "The password must not be the username.",
    });
}
export type AccountInput = z.infer<ReturnType<typeof accountSchema>>;

export const termsSchema = z.object({
  acceptTerms: z.literal(true, { error: "Please accept the terms to continue." }),
  termsVersion: z.literal(TERMS_VERSION, { error: "The terms have changed; please read them again." }),
});

export function claimSchema(rule: PasswordRule) {
  return z
    .object({
      attemptId: z.uuid(),
      code: boxCodeInputSchema,
      loginId: loginIdSchema,
      password: passwordSchema(rule),
      confirmPassword: z.string(),
      acceptTerms: termsSchema.shape.acceptTerms,
      termsVersion: termsSchema.shape.termsVersion,
    })
    .refine((v) => v.password === v.confirmPassword, {
      path: ["confirmPassword"],
      message: "The two passwords do not match.",
    });
}
export type ClaimInput = z.infer<ReturnType<typeof claimSchema>>;

/** A new QR after expiry or a reload: the claim's own password proves it is the same person. */
export const renewSchema = z.object({
  claimId: z.uuid(),
  password: z.string().min(1, "Enter the device's password.").max(64),
});
export type RenewInput = z.infer<typeof renewSchema>;

/** "Already set up": the box code and the current owner's username and password. */
export const repairSchema = z.object({
  code: boxCodeInputSchema,
  loginId: loginIdSchema,
  password: z.string().min(1, "Enter the device's current password.").max(64),
});
export type RepairInput = z.infer<typeof repairSchema>;

export interface ConsumerFailureExtra {
  /** The attempt's support code, to quote to support. */
  supportCode?: string;
  /** Set when retrying with the same input later can work (Medium One busy, outcome unknown). */
  retryable?: boolean;
}

/** The result of every consumer action; messages are safe to show, never vendor or driver text. */
export type ActionResult<T, Field extends string = never> = SharedActionResult<
  T,
  Field,
  ConsumerFailureExtra
>;

export interface DeviceSummary {
  serial: string;
  model: string;
}

export interface CodeCheck {
  attemptId: string;
  supportCode: string;
  device: DeviceSummary;
  /** `already_set_up`: the device has an owner; the page offers the re-pair flow instead of a new claim. */
  next: "claim" | "already_set_up";
}

/**
 * What the page needs to draw the sealed QR: the QR secret (kept in memory only, never in a URL, cookie or storage),
 * and the device's public encryption key to seal it to, in the browser.
 */
export interface PairingTicket {
  claimId: string;
  sessionId: string;
  /** base64url, 32 bytes. */
  qrSecret: string;
  expiresAt: string;
  loginId: string;
  supportCode: string;
  termsVersion: string;
  device: DeviceSummary & { kemAlg: "x25519" | "p256"; kemPublicKey: string };
}

/** GET /api/setup/status?session=<sessionId>: what the pairing page polls. */
export interface PairingStatusView {
  stage: "created" | "scanned" | "delivered" | "connected" | "expired" | "cancelled";
  /** `lost`: another claim of this device won; the page says so plainly. */
  claim: "pending" | "owner" | "lost" | "ended";
  expiresAt: string;
  connectedAt: string | null;
  /** True once Medium One has an event from this user (only where a business account can read events). */
  firstMessage: boolean | null;
}
