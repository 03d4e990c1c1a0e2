import { createHash } from "node:crypto";
import type { DriverInputs } from "../../inputs/driver-inputs.js";

/** An ACL user with full access; only the SHA-256 of its password ever reaches a file. */
export interface RedisUser {
  name: string;
  passwordSha256: string;
}

export interface RedisConfigInput {
  /** The one port clients use: plain TCP, or TLS when `tls` is set (the plain port is then off). */
  port: number;
  /** Addresses for the `bind` directive, e.g. `["127.0.0.1", "-::1"]` or `["*", "-::*"]`. */
  bind: readonly string[];
  /** Working directory: where `SAVE` writes `dump.rdb`. */
  dir: string;
  tls?: { certFile: string; keyFile: string; caFile: string } | undefined;
  /** The resource's user: `default`, or an ACL user (the `default` user is then switched off). */
  user: RedisUser;
  /** The provisioner's own user, for password rotation, snapshots and health checks. */
  admin: RedisUser;
  maxmemoryPolicy: DriverInputs["maxmemory_policy"];
  /** Directives appended as given, one per line. */
  extraConfig?: readonly string[] | undefined;
}

export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

const quote = (value: string): string => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

const fullAccess = (user: RedisUser): string =>
  `user ${user.name} reset on #${user.passwordSha256} ~* &* +@all`;

/** Renders a redis.conf (Redis ≥ 6) for one resource. Pure: paths and ports come from the caller. */
export function renderRedisConfig(input: RedisConfigInput): string {
  const lines = [
    `bind ${input.bind.join(" ")}`,
    // Every user has a password, so protected mode would only refuse legitimate remote clients.
    "protected-mode no",
    ...(input.tls
      ? [
          "port 0",
          `tls-port ${input.port}`,
          `tls-cert-file ${quote(input.tls.certFile)}`,
          `tls-key-file ${quote(input.tls.keyFile)}`,
          `tls-ca-cert-file ${quote(input.tls.caFile)}`,
          "tls-auth-clients no",
        ]
      : [`port ${input.port}`]),
    "daemonize no",
    // Redis acts on SIGTERM in its cron; at the default 10 Hz a delete waits ~100 ms for that.
    "hz 100",
    // Keeps the config path in the command line, which is how a restarted driver recognises it.
    "set-proc-title no",
    'logfile ""',
    `dir ${quote(input.dir)}`,
    "dbfilename dump.rdb",
    'save ""',
    "appendonly no",
    `maxmemory-policy ${input.maxmemoryPolicy}`,
    input.user.name === "default" ? fullAccess(input.user) : "user default reset off",
    ...(input.user.name === "default" ? [] : [fullAccess(input.user)]),
    fullAccess(input.admin),
    ...(input.extraConfig ?? []),
  ];
  return `${lines.join("\n")}\n`;
}
