export { loadConfig, ConfigError } from "./config/load-config.js";
export type { AppConfig, ClusterSetting, RedisConnectionConfig } from "./config/load-config.js";
export { redact, REDACTED } from "./config/redact-config.js";
export { ENV_SCHEMA, LOG_LEVELS } from "./config/env-schema.js";
export type { EnvVariable, LogLevel } from "./config/env-schema.js";

export { start } from "./start.js";
export type { RunningApp, StartOptions } from "./start.js";
export { createApp, PUBLIC_DIR } from "./http/create-app.js";
export type { AppDeps } from "./http/create-app.js";
export { AppError, ERROR_CODES } from "./http/app-error.js";
export type { ErrorBody, ErrorCode } from "./http/app-error.js";
export type { HealthBody, KeyBody, ReadyBody, StatusBody, VisitsBody } from "./http/api-types.js";
export { MAX_KEY_LENGTH, MAX_VALUE_BYTES } from "./http/key-rules.js";

export { openCache } from "./cache/open-cache.js";
export { openRedisCache } from "./cache/redis-cache.js";
export type { RedisCacheOptions, StandaloneCache, StandaloneCacheOptions } from "./cache/redis-cache.js";
export { openRedisClusterCache } from "./cache/redis-cluster-cache.js";
export type {
  Cache,
  CacheCheck,
  CacheEndpoint,
  CacheFailure,
  ClientKind,
  ConnectionState,
  ConnectionStatus,
  FailureKind,
} from "./cache/cache.js";
export { CacheError } from "./cache/cache-error.js";
export type { BackoffOptions } from "./cache/backoff.js";
export { createLogger } from "./logging/create-logger.js";
