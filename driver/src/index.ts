export {
  ConfigError,
  loadConfig,
  redactConfig,
  CONFIG_VARIABLES,
  type DriverConfig,
} from "./config/load-config.js";
export { DriverError, ValidationError, ERROR_CODES, type ErrorCode } from "./errors.js";
export { driverInputsJsonSchema, openApiDocument } from "./http/openapi.js";
export {
  DriverInputsSchema,
  DriverSecretsSchema,
  UPDATABLE_FIELDS,
  type DriverInputs,
  type DriverSecrets,
} from "./inputs/driver-inputs.js";
export { RESOURCE_TYPE, GURESID_PATTERN } from "./inputs/input-data.js";
export type { Endpoint, Provisioner, ResourceState } from "./provisioners/provisioner.js";
export { startDriver, type RunningDriver, type StartOptions } from "./start-driver.js";
export { listManagedInstances, type ManagedInstances } from "./provisioners/local/list-managed-instances.js";
