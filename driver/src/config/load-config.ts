import path from "node:path";
import { z } from "zod";
import type { ConfiguredProvisioner } from "../provisioners/provisioner-module.js";
import { PROVISIONERS, type ProvisionerRegistry } from "../provisioners/registry.js";
import { describeAuth, parseAuthSettings, type AuthConfig } from "./auth-settings.js";
import { intFromEnv } from "./env-fields.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

const pathPrefix = z
  .string()
  .regex(/^\/[A-Za-z0-9._~\-/]*$/, "must start with / and contain only URL path characters")
  .transform((value) => (value.length > 1 ? value.replace(/\/+$/, "") : value));

/**
 * Environment variables the driver reads, whatever the provisioner. Precedence: this environment
 * only; nothing else (no files, no flags). Each provisioner adds its own (see its `module.ts`).
 * Each entry's description is printed in the configuration table of docs/configuration.md.
 */
const EnvSchema = z.object({
  PORT: intFromEnv(0, 65535, 8080).describe("TCP port to listen on (0 picks a free one)"),
  HOST: z.string().min(1).default("127.0.0.1").describe("interface to bind; 0.0.0.0 in containers"),
  DRIVER_BASE_PATH: pathPrefix.default("/").describe("URL prefix of the v0.9 contract routes"),
  DRIVER_SEED_BASE_PATH: pathPrefix.default("/2020").describe("URL prefix of the 2020 (POST/DELETE) profile"),
  DRIVER_PROVISIONER: z
    .string()
    .default("local")
    .describe("backend that creates caches: `local` or `elasticache`"),
  DRIVER_AUTH: z
    .string()
    .optional()
    .describe(
      "caller authentication: a comma list of `path`, `jwt`, `source`, `token`, or `none`; inferred from the settings given",
    ),
  DRIVER_AUTH_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional()
    .describe("token mode: the shared bearer token"),
  DRIVER_AUTH_PATH_SECRET: z
    .string()
    .optional()
    .describe(
      "path mode: a secret first path segment (32+ URL-safe characters) in front of every contract route",
    ),
  DRIVER_AUTH_JWT_KEYS: z
    .string()
    .optional()
    .describe("jwt mode: the Operator's RS256 public keys, `kid=<PEM file or inline PEM>`, comma-separated"),
  DRIVER_AUTH_JWT_ORG: z
    .string()
    .min(1)
    .optional()
    .describe("jwt mode: the `orgID` claim every token must carry"),
  DRIVER_AUTH_JWT_CLOCK_SKEW_S: intFromEnv(0, 300, 30).describe(
    "jwt mode: tolerated clock skew for `exp`/`nbf`, seconds",
  ),
  DRIVER_AUTH_JWT_MAX_TTL_S: intFromEnv(60, 86_400, 3_600).describe(
    "jwt mode: the longest validity a token may claim (`exp` − `iat`), seconds; `exp` is required",
  ),
  DRIVER_AUTH_SOURCES: z
    .string()
    .optional()
    .describe("source mode: allowed caller CIDRs, comma-separated; `humanitec` for its published addresses"),
  DRIVER_TRUSTED_PROXIES: z
    .string()
    .optional()
    .describe("proxies (CIDRs) whose `X-Forwarded-For` names the caller; none by default"),
  DRIVER_SECRET_KEY: z
    .string()
    .min(32, "must be at least 32 characters")
    .optional()
    .describe("key that derives passwords and seals cookies (or DRIVER_KEY_FILE)"),
  DRIVER_KEY_FILE: z
    .string()
    .min(1)
    .optional()
    .describe("file holding the driver key; local mode: `<LOCAL_STATE_DIR>/driver-key`, generated"),
  DRIVER_METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional()
    .describe("a bearer token `GET /metrics` requires; without it the metrics are open like /healthz"),
  DRIVER_READY_CHECK_MS: intFromEnv(0, 300_000, 30_000).describe(
    "how long one backend readiness check answers `/readyz` (a cloud read at most this often per replica)",
  ),
  DRIVER_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("pino log level"),
  DRIVER_BODY_LIMIT_BYTES: intFromEnv(256, 1_048_576, 65_536).describe(
    "largest accepted request body; a larger declared `Content-Length` is answered `413` before reading",
  ),
  DRIVER_STATUS_CACHE_MS: intFromEnv(0, 60_000, 500).describe("how long one status lookup answers all polls"),
  DRIVER_STATUS_CACHE_ENTRIES: intFromEnv(100, 1_000_000, 10_000).describe(
    "how many resources' status the driver remembers; the least recently polled are forgotten first",
  ),
  DRIVER_OPERATION_TIMEOUT_MS: intFromEnv(1_000, 7_200_000, 120_000).describe(
    "the `timeout` promised in progress hints",
  ),
  DRIVER_SEED_WAIT_MS: intFromEnv(0, 60_000, 20_000).describe("how long a 2020-profile request waits"),
  DRIVER_SHUTDOWN_TIMEOUT_MS: intFromEnv(0, 120_000, 10_000).describe("grace period for open requests"),
  DRIVER_HEADERS_TIMEOUT_MS: intFromEnv(100, 600_000, 10_000).describe(
    "how long a client may take to send a request's headers; then `408 RES-121`",
  ),
  DRIVER_REQUEST_TIMEOUT_MS: intFromEnv(100, 3_600_000, 30_000).describe(
    "how long a client may take to send a whole request, body included; then `408 RES-121`",
  ),
  DRIVER_KEEP_ALIVE_TIMEOUT_MS: intFromEnv(0, 600_000, 65_000).describe(
    "how long an idle keep-alive connection stays open; above a load balancer's idle timeout (ALB: 60 s)",
  ),
});

/** The driver-wide variables; each provisioner's own are in `PROVISIONERS[name].settings.shape`. */
export const CONFIG_VARIABLES = EnvSchema.shape;

/** Where the driver key comes from: the environment, or a file (created on first start in local mode). */
export type DriverKeySource =
  | { readonly kind: "value"; readonly value: string }
  | { readonly kind: "file"; readonly path: string; readonly create: boolean };

export interface DriverConfig {
  readonly port: number;
  readonly host: string;
  readonly basePath: string;
  readonly seedBasePath: string;
  /** The provisioner DRIVER_PROVISIONER names, with its own settings already validated. */
  readonly provisioner: ConfiguredProvisioner;
  /** Local mode: a provisioner that runs on this machine, on a loopback interface. */
  readonly localMode: boolean;
  readonly auth: AuthConfig;
  readonly key: DriverKeySource;
  /** How long one backend readiness check answers `/readyz`. */
  readonly readyCheckMs: number;
  /** Required by `GET /metrics` when set. */
  readonly metricsToken: string | undefined;
  readonly logLevel: z.output<typeof EnvSchema>["DRIVER_LOG_LEVEL"];
  readonly bodyLimitBytes: number;
  readonly statusCacheMs: number;
  readonly statusCacheEntries: number;
  readonly operationTimeoutMs: number;
  readonly seedWaitMs: number;
  readonly shutdownTimeoutMs: number;
  /** Server limits on slow or idle clients (Node's `headersTimeout`, `requestTimeout`, `keepAliveTimeout`). */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid driver configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

export interface LoadConfigOptions {
  /** Resolves relative paths (default: the process's working directory). */
  cwd?: string;
  /** The provisioners DRIVER_PROVISIONER may name (default: every registered one). */
  registry?: ProvisionerRegistry;
}

const issuesOf = (error: z.ZodError): string[] =>
  error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);

/** Reads and validates the whole configuration once; throws ConfigError listing every problem. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadConfigOptions = {},
): DriverConfig {
  const cwd = options.cwd ?? process.cwd();
  const registry = options.registry ?? PROVISIONERS;
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Report the provisioner's own problems too, so one start-up shows everything.
    const name = typeof env.DRIVER_PROVISIONER === "string" ? env.DRIVER_PROVISIONER : "local";
    const settings = registry[name]?.settings.safeParse(env);
    throw new ConfigError([
      ...issuesOf(parsed.error),
      ...(settings?.success === false ? issuesOf(settings.error) : []),
    ]);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const module = Object.hasOwn(registry, e.DRIVER_PROVISIONER) ? registry[e.DRIVER_PROVISIONER] : undefined;
  if (!module) {
    problems.push(
      `DRIVER_PROVISIONER: unknown provisioner ${JSON.stringify(e.DRIVER_PROVISIONER)}; registered: ${Object.keys(registry).join(", ")}`,
    );
  }
  const settings = module?.settings.safeParse(env);
  if (settings?.success === false) problems.push(...issuesOf(settings.error));

  const loopback = LOOPBACK_HOSTS.has(e.HOST);
  const defaultKeyFile =
    settings?.success && module?.defaultKeyFile ? module.defaultKeyFile(settings.data, cwd) : undefined;
  const localMode = loopback && defaultKeyFile !== undefined;
  const auth = parseAuthSettings(e, { cwd, loopback }, problems);
  if (e.DRIVER_SECRET_KEY && e.DRIVER_KEY_FILE) {
    problems.push("DRIVER_KEY_FILE: set either DRIVER_SECRET_KEY or DRIVER_KEY_FILE, not both");
  }
  // An unknown provisioner says nothing of where its key could come from: that problem comes first.
  if (module && !localMode && !e.DRIVER_SECRET_KEY && !e.DRIVER_KEY_FILE) {
    problems.push(
      "DRIVER_SECRET_KEY: required outside local mode (or DRIVER_KEY_FILE), so every replica derives the same passwords (e.g. `openssl rand -hex 32`)",
    );
  }
  if (e.DRIVER_HEADERS_TIMEOUT_MS > e.DRIVER_REQUEST_TIMEOUT_MS) {
    problems.push(
      "DRIVER_HEADERS_TIMEOUT_MS: must not exceed DRIVER_REQUEST_TIMEOUT_MS (the headers are part of the request)",
    );
  }
  if (e.DRIVER_BASE_PATH === e.DRIVER_SEED_BASE_PATH) {
    problems.push("DRIVER_SEED_BASE_PATH: must differ from DRIVER_BASE_PATH");
  }
  if (problems.length > 0 || !module || !settings?.success) throw new ConfigError(problems);

  const key: DriverKeySource = e.DRIVER_SECRET_KEY
    ? { kind: "value", value: e.DRIVER_SECRET_KEY }
    : e.DRIVER_KEY_FILE
      ? { kind: "file", path: path.resolve(cwd, e.DRIVER_KEY_FILE), create: false }
      : { kind: "file", path: defaultKeyFile ?? "", create: true };

  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    basePath: e.DRIVER_BASE_PATH,
    seedBasePath: e.DRIVER_SEED_BASE_PATH,
    provisioner: Object.freeze({
      name: e.DRIVER_PROVISIONER,
      module,
      settings: Object.freeze(settings.data as Record<string, unknown>),
      cwd,
    }),
    localMode,
    auth: Object.freeze(auth),
    key: Object.freeze(key),
    metricsToken: e.DRIVER_METRICS_TOKEN,
    readyCheckMs: e.DRIVER_READY_CHECK_MS,
    logLevel: e.DRIVER_LOG_LEVEL,
    bodyLimitBytes: e.DRIVER_BODY_LIMIT_BYTES,
    statusCacheMs: e.DRIVER_STATUS_CACHE_MS,
    statusCacheEntries: e.DRIVER_STATUS_CACHE_ENTRIES,
    operationTimeoutMs: e.DRIVER_OPERATION_TIMEOUT_MS,
    seedWaitMs: e.DRIVER_SEED_WAIT_MS,
    shutdownTimeoutMs: e.DRIVER_SHUTDOWN_TIMEOUT_MS,
    headersTimeoutMs: e.DRIVER_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.DRIVER_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: e.DRIVER_KEEP_ALIVE_TIMEOUT_MS,
  });
}

/** The configuration as it may be logged: credentials replaced, the provisioner by name and settings. */
export function redactConfig(config: DriverConfig): Record<string, unknown> {
  return {
    ...config,
    provisioner: { name: config.provisioner.name, ...config.provisioner.settings },
    auth: describeAuth(config.auth),
    key: config.key.kind === "value" ? { kind: "value", value: "[redacted]" } : config.key,
    metricsToken: config.metricsToken ? "[redacted]" : undefined,
  };
}
