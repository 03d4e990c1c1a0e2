import path from "node:path";
import { z } from "zod";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

const intFromEnv = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const pathPrefix = z
  .string()
  .regex(/^\/[A-Za-z0-9._~\-/]*$/, "must start with / and contain only URL path characters")
  .transform((value) => (value.length > 1 ? value.replace(/\/+$/, "") : value));

/**
 * Environment variables the driver reads. Precedence: this environment only; nothing else
 * (no files, no flags). Each entry's description is printed in the README's configuration table.
 */
const EnvSchema = z.object({
  PORT: intFromEnv(0, 65535, 8080).describe("TCP port to listen on (0 picks a free one)"),
  HOST: z.string().min(1).default("127.0.0.1").describe("interface to bind; 0.0.0.0 in containers"),
  DRIVER_BASE_PATH: pathPrefix.default("/").describe("URL prefix of the v0.9 contract routes"),
  DRIVER_SEED_BASE_PATH: pathPrefix.default("/2020").describe("URL prefix of the 2020 (POST/DELETE) profile"),
  DRIVER_PROVISIONER: z.enum(["local"]).default("local").describe("backend that creates caches"),
  DRIVER_AUTH: z
    .enum(["token", "none"])
    .optional()
    .describe("token: require `Authorization: Bearer`; none: no caller authentication"),
  DRIVER_AUTH_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional()
    .describe("the bearer token"),
  DRIVER_SECRET_KEY: z
    .string()
    .min(32, "must be at least 32 characters")
    .optional()
    .describe("key that derives passwords and seals cookies; generated into the state dir in local mode"),
  DRIVER_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("pino log level"),
  DRIVER_BODY_LIMIT_BYTES: intFromEnv(256, 1_048_576, 65_536).describe("largest accepted request body"),
  DRIVER_STATUS_CACHE_MS: intFromEnv(0, 60_000, 500).describe("how long one status lookup answers all polls"),
  DRIVER_OPERATION_TIMEOUT_MS: intFromEnv(1_000, 7_200_000, 120_000).describe(
    "the `timeout` promised in progress hints",
  ),
  DRIVER_SEED_WAIT_MS: intFromEnv(0, 60_000, 20_000).describe("how long a 2020-profile request waits"),
  DRIVER_SHUTDOWN_TIMEOUT_MS: intFromEnv(0, 120_000, 10_000).describe("grace period for open requests"),
  LOCAL_RUNTIME: z
    .enum(["auto", "container", "process"])
    .default("auto")
    .describe("auto: a container runtime when one answers, else redis-server processes"),
  LOCAL_REDIS_IMAGE: z.string().min(1).default("redis:7").describe("image for the container runtime"),
  LOCAL_REDIS_SERVER: z.string().min(1).default("redis-server").describe("binary for the process runtime"),
  LOCAL_STATE_DIR: z
    .string()
    .min(1)
    .default(".driver-state")
    .describe("where the local provisioner keeps state"),
  LOCAL_ADVERTISE_HOST: z.string().min(1).default("127.0.0.1").describe("host name put into outputs"),
  LOCAL_CREATE_DELAY_MS: intFromEnv(0, 600_000, 0).describe("artificial delay before a local create starts"),
  LOCAL_DELETE_DELAY_MS: intFromEnv(0, 600_000, 0).describe("artificial delay before a local delete starts"),
  LOCAL_READY_TIMEOUT_MS: intFromEnv(1_000, 600_000, 30_000).describe(
    "how long a local Redis may take to start",
  ),
});

export const CONFIG_VARIABLES = EnvSchema.shape;

export interface DriverConfig {
  readonly port: number;
  readonly host: string;
  readonly basePath: string;
  readonly seedBasePath: string;
  readonly provisioner: "local";
  /** Local mode: the local provisioner on a loopback interface. */
  readonly localMode: boolean;
  readonly auth: { readonly kind: "token"; readonly token: string } | { readonly kind: "none" };
  /** Absent only in local mode, where the driver generates one into the state dir. */
  readonly secretKey: string | undefined;
  readonly logLevel: z.output<typeof EnvSchema>["DRIVER_LOG_LEVEL"];
  readonly bodyLimitBytes: number;
  readonly statusCacheMs: number;
  readonly operationTimeoutMs: number;
  readonly seedWaitMs: number;
  readonly shutdownTimeoutMs: number;
  readonly local: {
    readonly runtime: "auto" | "container" | "process";
    readonly image: string;
    readonly redisServerPath: string;
    readonly stateDir: string;
    readonly advertiseHost: string;
    readonly createDelayMs: number;
    readonly deleteDelayMs: number;
    readonly readyTimeoutMs: number;
  };
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid driver configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

/** Reads and validates the whole configuration once; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): DriverConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const localMode = e.DRIVER_PROVISIONER === "local" && LOOPBACK_HOSTS.has(e.HOST);
  const authKind = e.DRIVER_AUTH ?? (e.DRIVER_AUTH_TOKEN ? "token" : localMode ? "none" : undefined);

  if (authKind === undefined) {
    problems.push(
      `DRIVER_AUTH: required when the driver listens beyond loopback (HOST=${e.HOST}); set DRIVER_AUTH_TOKEN, or DRIVER_AUTH=none to run without caller authentication`,
    );
  }
  if (authKind === "token" && !e.DRIVER_AUTH_TOKEN) {
    problems.push("DRIVER_AUTH_TOKEN: required when DRIVER_AUTH=token");
  }
  if (!localMode && !e.DRIVER_SECRET_KEY) {
    problems.push(
      "DRIVER_SECRET_KEY: required outside local mode, so every replica derives the same passwords (e.g. `openssl rand -hex 32`)",
    );
  }
  if (e.DRIVER_BASE_PATH === e.DRIVER_SEED_BASE_PATH) {
    problems.push("DRIVER_SEED_BASE_PATH: must differ from DRIVER_BASE_PATH");
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    basePath: e.DRIVER_BASE_PATH,
    seedBasePath: e.DRIVER_SEED_BASE_PATH,
    provisioner: e.DRIVER_PROVISIONER,
    localMode,
    auth: Object.freeze(
      authKind === "token"
        ? { kind: "token" as const, token: e.DRIVER_AUTH_TOKEN ?? "" }
        : { kind: "none" as const },
    ),
    secretKey: e.DRIVER_SECRET_KEY,
    logLevel: e.DRIVER_LOG_LEVEL,
    bodyLimitBytes: e.DRIVER_BODY_LIMIT_BYTES,
    statusCacheMs: e.DRIVER_STATUS_CACHE_MS,
    operationTimeoutMs: e.DRIVER_OPERATION_TIMEOUT_MS,
    seedWaitMs: e.DRIVER_SEED_WAIT_MS,
    shutdownTimeoutMs: e.DRIVER_SHUTDOWN_TIMEOUT_MS,
    local: Object.freeze({
      runtime: e.LOCAL_RUNTIME,
      image: e.LOCAL_REDIS_IMAGE,
      redisServerPath: e.LOCAL_REDIS_SERVER,
      stateDir: path.resolve(cwd, e.LOCAL_STATE_DIR),
      advertiseHost: e.LOCAL_ADVERTISE_HOST,
      createDelayMs: e.LOCAL_CREATE_DELAY_MS,
      deleteDelayMs: e.LOCAL_DELETE_DELAY_MS,
      readyTimeoutMs: e.LOCAL_READY_TIMEOUT_MS,
    }),
  });
}

/** The configuration as it may be logged: credentials replaced. */
export function redactConfig(config: DriverConfig): Record<string, unknown> {
  return {
    ...config,
    auth: config.auth.kind === "token" ? { kind: "token", token: "[redacted]" } : config.auth,
    secretKey: config.secretKey ? "[redacted]" : undefined,
  };
}
