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
  type DriverInputs,
  type DriverSecrets,
} from "./inputs/driver-inputs.js";
export { RESOURCE_TYPE, GURESID_PATTERN } from "./inputs/input-data.js";
export type {
  Capabilities,
  Endpoint,
  Operation,
  Provisioner,
  ResourceRequest,
  ResourceState,
  UnsupportedOption,
} from "./provisioners/provisioner.js";
export { ProvisionerError, type ProvisionerErrorKind } from "./provisioners/provisioner-errors.js";
export type { ProvisionerModule } from "./provisioners/provisioner-module.js";
export { PROVISIONERS, type ProvisionerRegistry } from "./provisioners/registry.js";
export { backendId, ELASTICACHE_ID_RULES, type BackendIdRules } from "./provisioners/backend-id.js";
export { scrubSecrets } from "./provisioners/scrub-secrets.js";
export { HUMANITEC_SOURCE_ADDRESSES } from "./security/humanitec-sources.js";
export { startDriver, type RunningDriver, type StartOptions } from "./start-driver.js";
export {
  DRIVER_NAME_PREFIX,
  ELASTICACHE_IAM_ACTIONS,
  MANAGED_BY_TAG,
  SHAREABLE_TAG,
  elasticacheIamPolicy,
  type IamPolicyDocument,
  type IamPolicyOptions,
} from "./provisioners/elasticache/iam-policy.js";
