import "server-only";

/** The consumer setup's server side (design §3). Routes call these; every one takes its dependencies. */
export { startSetup } from "./start-setup";
export { checkUsername } from "./check-username";
export { claimDevice, SAGA_TIMING } from "./claim";
export { renewPairing } from "./renew";
export { repairDevice } from "./repair";
export { pairingStatus } from "./status";
export { getPasswordRule, passwordRuleOf } from "./password-rule";
export { MULTIPLE_CLIENTS_ALERT } from "./alerts";
export { failureOf, invalidInput, runAction } from "./action-result";
export { onboardingDepsFor } from "./app-deps";
export type { OnboardingDeps } from "./deps";
export * from "./errors";
export {
  ALERT_DEFAULTS,
  findAttemptBySupportCode,
  findAttemptSummary,
  listAlerts,
  supportCodeSchema,
  type AlertOptions,
  type Alerts,
  type AttemptClaim,
  type AttemptDetail,
  type AttemptEvent,
  type AttemptSummary,
} from "./support-queries";
export {
  reconcileOnce,
  RECONCILER_TIMING,
  type ClaimReport,
  type ReconcileSummary,
  type ReconcilerDeps,
} from "./reconciler";
