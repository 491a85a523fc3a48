import "server-only";
import type { OnboardingDeps } from "./deps";

/** Our own Medium One accounts are never offered to consumers (and never said to exist: they are just "taken"). */
export function isServiceAccount(deps: Pick<OnboardingDeps, "config">, loginIdFolded: string): boolean {
  const ours = [deps.config.mediumOne.loginId, ...deps.config.onboarding.reservedLoginIds];
  return ours.some((id) => id.trim().toLowerCase() === loginIdFolded);
}
