import { X509Certificate } from "node:crypto";
import { isIPv6 } from "node:net";
import { z } from "zod";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const quote = (input: unknown): string => JSON.stringify(String(input).slice(0, 80));

const wholeNumber = (min: number, max: number, example: number) => {
  const rule = `must be a whole number from ${min} to ${max}, e.g. ${example}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: (issue) => `${rule}; got ${quote(issue.input)}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: (issue) => `${rule}; got ${quote(issue.input)}` })
        .max(max, { error: (issue) => `${rule}; got ${quote(issue.input)}` }),
    );
};

const redisPort = z
  .string()
  .trim()
  .refine((value) => !value.startsWith("tcp://"), {
    error:
      'looks like a Kubernetes service link ("tcp://..."), not a port; set REDIS_PORT explicitly (e.g. ${resources.cache.port}) or disable enableServiceLinks',
  })
  .pipe(wholeNumber(1, 65535, 6379));

const caCertificate = z
  .string()
  .transform((value) => value.replace(/\\n/g, "\n").trim())
  .superRefine((pem, ctx) => {
    if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
      ctx.addIssue({
        code: "custom",
        message: "must be a PEM certificate starting with -----BEGIN CERTIFICATE-----",
      });
      return;
    }
    try {
      new X509Certificate(pem);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: "is not a readable PEM certificate; copy the whole PEM block",
      });
    }
  });

const hostName = z
  .string()
  .trim()
  .transform((host) => host.replace(/^\[(.*)\]$/, "$1"))
  .superRefine((host, ctx) => {
    // Never quote this value: a URL pasted here may carry a password.
    if (/[\s/@]/.test(host)) {
      ctx.addIssue({
        code: "custom",
        message:
          "must be a host name or IP address without scheme, path or credentials; put a full URL in REDIS_URL instead",
      });
    } else if (host.includes(":") && !isIPv6(host)) {
      ctx.addIssue({
        code: "custom",
        message: `must not include a port (got ${quote(host)}); put the port in REDIS_PORT`,
      });
    }
  });

/**
 * Every environment variable the app reads, with its rule and default. Empty values count as unset,
 * because Humanitec injects `""` for outputs such as an empty username.
 */
export const ENV_SCHEMA = z.object({
  PORT: wholeNumber(0, 65535, 8080).default(8080).describe("HTTP port to listen on (0 picks a free one)"),
  HOST: z.string().trim().min(1).default("127.0.0.1").describe("interface to bind; the image sets 0.0.0.0"),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, {
      error: (issue) => `must be one of ${LOG_LEVELS.join(", ")}; got ${quote(issue.input)}`,
    })
    .default("info")
    .describe("pino log level"),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(0, 120_000, 10_000)
    .default(10_000)
    .describe("grace period for open requests and the cache connection on SIGTERM/SIGINT"),
  REDIS_URL: z
    .string()
    .optional()
    .describe("redis:// or rediss:// URL; the REDIS_HOST... variables override its parts"),
  REDIS_HOST: hostName.optional().describe("cache host name (driver output `host`)"),
  REDIS_PORT: redisPort.optional().describe("cache port (driver output `port`), default 6379"),
  REDIS_USERNAME: z
    .string()
    .optional()
    .describe("ACL user name (driver output `username`); empty for the default user"),
  REDIS_PASSWORD: z.string().optional().describe("password or AUTH token (driver output `password`)"),
  REDIS_TLS: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(
      z.enum(["true", "false"], { error: (issue) => `must be "true" or "false"; got ${quote(issue.input)}` }),
    )
    .transform((value) => value === "true")
    .optional()
    .describe('"true" to connect with TLS (driver output `tls`), default false (or the URL scheme)'),
  REDIS_CA_CERTIFICATE: caCertificate
    .optional()
    .describe("PEM CA certificate that signed the server certificate; default: the system trust store"),
  REDIS_CLUSTER: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(
      z.enum(["auto", "true", "false"], {
        error: (issue) => `must be "auto", "true" or "false"; got ${quote(issue.input)}`,
      }),
    )
    .default("auto")
    .describe(
      '"auto" asks the server (INFO cluster) on the first connection; "true" always connects as a cluster client, "false" never',
    ),
  REDIS_KEY_PREFIX: z
    .string()
    .max(64, { error: "must be at most 64 characters" })
    .regex(/^[A-Za-z0-9._:-]*$/, { error: 'may contain only letters, digits and "." "_" "-" ":"' })
    .default("sample-app:")
    .describe("prefix of every key the app writes (match a key-prefix ACL on a shared cache)"),
});

export type EnvVariable = keyof typeof ENV_SCHEMA.shape;
