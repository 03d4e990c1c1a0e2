/** The local ElastiCache endpoint: start it in-process, or run `pnpm emulator`. */
export {
  startEmulator,
  DEFAULT_DELAYS,
  type EmulatorOptions,
  type RunningEmulator,
} from "./start-emulator.js";
export {
  loadEmulatorConfig,
  EmulatorConfigError,
  type EmulatorConfig,
} from "./config/load-emulator-config.js";
export {
  DEFAULT_CREATE_FAILED_MESSAGE,
  type FaultSettings,
  type FaultSettingsInput,
} from "./faults/fault-settings.js";
