import { ENV_SCHEMA } from "./env-schema.js";
import type { EnvVariable, LogLevel } from "./env-schema.js";
import { parseRedisUrl } from "./parse-redis-url.js";
import type { RedisUrlParts } from "./parse-redis-url.js";

/** Where and how to reach the cache; the values of the redis resource's outputs. */
export interface RedisConnectionConfig {
  readonly host: string;
  readonly port: number;
  /** ACL user; undefined means the default user. */
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly tls: boolean;
  /** PEM CA bundle that verifies the server; undefined means the system trust store. */
  readonly caCertificate: string | undefined;
  readonly database: number;
  /** Prepended to every key the app reads or writes. */
  readonly keyPrefix: string;
  /** Cluster-aware client or not; `auto` decides from `INFO cluster` on the first connection. */
  readonly cluster: ClusterSetting;
}

export type ClusterSetting = "auto" | "true" | "false";

export interface AppConfig {
  /** HTTP port; 0 picks a free one. */
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  /** Grace period for open requests and the cache connection when shutting down, in ms. */
  readonly shutdownTimeoutMs: number;
  readonly redis: RedisConnectionConfig;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid sample-app configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

const DEFAULT_REDIS_PORT = 6379;

/**
 * Reads and validates the configuration once and throws a ConfigError listing every problem.
 *
 * Precedence: REDIS_HOST, REDIS_PORT, REDIS_USERNAME, REDIS_PASSWORD and REDIS_TLS each override the
 * matching part of REDIS_URL; REDIS_URL alone is enough; without either REDIS_URL or REDIS_HOST the
 * app refuses to start. Empty values count as unset.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present: Partial<Record<EnvVariable, string>> = {};
  for (const name of Object.keys(ENV_SCHEMA.shape) as EnvVariable[]) {
    const value = env[name];
    if (value !== undefined && value.trim() !== "") present[name] = value;
  }

  const problems: string[] = [];
  const parsed = ENV_SCHEMA.safeParse(present);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }

  let fromUrl: RedisUrlParts | undefined;
  if (present.REDIS_URL !== undefined) {
    const result = parseRedisUrl(present.REDIS_URL.trim());
    if (result.ok) fromUrl = result.parts;
    else problems.push(...result.problems.map((problem) => `REDIS_URL: ${problem}`));
  } else if (present.REDIS_HOST === undefined) {
    problems.push(
      "REDIS_HOST: required; set it to the cache host (the redis resource's `host` output, e.g. ${resources.cache.host}), or set REDIS_URL",
    );
  }

  const tlsSetting = ENV_SCHEMA.shape.REDIS_TLS.safeParse(present.REDIS_TLS);
  const tls = (tlsSetting.success ? tlsSetting.data : undefined) ?? fromUrl?.tls ?? false;
  if (tlsSetting.success && present.REDIS_CA_CERTIFICATE !== undefined && !tls) {
    problems.push(
      "REDIS_CA_CERTIFICATE: set, but TLS is off; set REDIS_TLS=true (or use a rediss:// URL), or remove the certificate",
    );
  }
  const username = present.REDIS_USERNAME ?? fromUrl?.username;
  const password = present.REDIS_PASSWORD ?? fromUrl?.password;
  if (username !== undefined && password === undefined) {
    problems.push(
      "REDIS_USERNAME: set without a password; set REDIS_PASSWORD too (the redis resource's `password` output), or leave both empty",
    );
  }

  const data = parsed.success ? parsed.data : undefined;
  if (data?.REDIS_CLUSTER === "true" && (fromUrl?.database ?? 0) !== 0) {
    problems.push(
      `REDIS_URL: database ${fromUrl?.database} does not exist in cluster mode (a cluster has only database 0); remove "/${fromUrl?.database}" from the URL, or set REDIS_CLUSTER=false`,
    );
  }
  if (problems.length > 0 || !data) throw new ConfigError(problems);

  return Object.freeze({
    port: data.PORT,
    host: data.HOST,
    logLevel: data.LOG_LEVEL,
    shutdownTimeoutMs: data.SHUTDOWN_TIMEOUT_MS,
    redis: Object.freeze({
      host: data.REDIS_HOST ?? fromUrl?.host ?? "",
      port: data.REDIS_PORT ?? fromUrl?.port ?? DEFAULT_REDIS_PORT,
      username,
      password,
      tls,
      caCertificate: data.REDIS_CA_CERTIFICATE,
      database: fromUrl?.database ?? 0,
      keyPrefix: data.REDIS_KEY_PREFIX,
      cluster: data.REDIS_CLUSTER,
    }),
  });
}
