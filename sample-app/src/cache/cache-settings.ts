import type { Logger } from "pino";
import type { RedisConnectionConfig } from "../config/load-config.js";
import { DEFAULT_BACKOFF } from "./backoff.js";
import type { BackoffOptions } from "./backoff.js";
import type { CacheEndpoint } from "./cache.js";
import { formatHost } from "./describe-cache-error.js";
import type { RedisCacheOptions } from "./redis-cache.js";

/** A cache's options with the defaults RedisCacheOptions documents filled in, and where it connects. */
export interface CacheSettings {
  readonly logger: Logger;
  readonly backoff: BackoffOptions;
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
  readonly pingTimeoutMs: number;
  readonly endpoint: CacheEndpoint;
  /** `host:port` as messages show it (an IPv6 host in brackets). */
  readonly where: string;
}

export function cacheSettings(config: RedisConnectionConfig, options: RedisCacheOptions): CacheSettings {
  const endpoint: CacheEndpoint = Object.freeze({ host: config.host, port: config.port, tls: config.tls });
  return {
    logger: options.logger.child({ component: "cache" }),
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    commandTimeoutMs: options.commandTimeoutMs ?? 5_000,
    pingTimeoutMs: options.pingTimeoutMs ?? 2_000,
    endpoint,
    where: `${formatHost(endpoint.host)}:${endpoint.port}`,
  };
}
