/** The device simulator's public surface, for the CLI, tests and browser tests that pair in-process. */
export { loadDeviceKeys, parseDeviceKeys, type DeviceKeys } from "./device-keys";
export { PAIRING_STEPS, type PairingStep } from "./errors";
export {
  pairDevice,
  stepLine,
  type ConnectMode,
  type PairDeviceOptions,
  type PairResult,
  type StepRecord,
} from "./pair";
export type { Timing } from "./timing";
