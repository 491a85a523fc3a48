export { startEmulator, type Account, type EmulatorOptions, type RunningEmulator } from "./server";
export {
  CHOICES,
  CHOICE_NAMES,
  DEFAULT_CHOICES,
  DEFAULT_LOCKOUT_THRESHOLD,
  DEFAULT_PASSWORD_RULE,
  parseChoice,
  type ChoiceName,
  type Choices,
  type PasswordRule,
} from "./choices";
export type { Fault, FaultSpec } from "./faults";
