import { createPublicKey, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import proxyAddr from "proxy-addr";
import { HUMANITEC_SOURCE_ADDRESSES } from "../security/humanitec-sources.js";

export const AUTH_MODES = ["path", "jwt", "source", "token"] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** How callers authenticate; a request passes when one of `modes` accepts it. */
export interface AuthConfig {
  /** Empty only with an explicit `DRIVER_AUTH=none`. */
  readonly modes: ReadonlySet<AuthMode>;
  readonly token?: string;
  /** The secret first path segment of every contract route. */
  readonly pathSecret?: string;
  readonly jwt?: {
    /** Public keys by `kid`. */
    readonly keys: ReadonlyMap<string, KeyObject>;
    /** The `orgID` claim every token must carry. */
    readonly org: string;
    readonly clockSkewSeconds: number;
    /** The longest validity (`exp` − `iat`) a token may claim. */
    readonly maxTtlSeconds: number;
  };
  /** CIDRs a caller's address must be in (source mode). */
  readonly sources?: readonly string[];
  /** Proxies whose `X-Forwarded-For` is believed; none by default. */
  readonly trustedProxies: readonly string[];
}

/** The raw variables, as validated by the config schema. */
export interface AuthVariables {
  HOST: string;
  DRIVER_AUTH?: string | undefined;
  DRIVER_AUTH_TOKEN?: string | undefined;
  DRIVER_AUTH_PATH_SECRET?: string | undefined;
  DRIVER_AUTH_JWT_KEYS?: string | undefined;
  DRIVER_AUTH_JWT_ORG?: string | undefined;
  DRIVER_AUTH_JWT_CLOCK_SKEW_S: number;
  DRIVER_AUTH_JWT_MAX_TTL_S: number;
  DRIVER_AUTH_SOURCES?: string | undefined;
  DRIVER_TRUSTED_PROXIES?: string | undefined;
}

const PATH_SECRET = /^[A-Za-z0-9_-]{32,256}$/;
const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);

/** `kid=<PEM file or inline PEM>` entries, comma-separated: the Operator's public keys by key id. */
function parseJwtKeys(value: string, cwd: string, problems: string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const entry of list(value)) {
    const at = entry.indexOf("=");
    const kid = at > 0 ? entry.slice(0, at).trim() : "";
    const source = entry.slice(at + 1).trim();
    if (!kid) {
      problems.push(
        "DRIVER_AUTH_JWT_KEYS: every key needs its key id: `kid=/path/to/key.pem` or `kid=-----BEGIN PUBLIC KEY-----...`",
      );
      continue;
    }
    const inline = source.startsWith("-----BEGIN");
    const file = path.resolve(cwd, source);
    if (!inline && !existsSync(file)) {
      problems.push(`DRIVER_AUTH_JWT_KEYS: the key file of kid ${kid} does not exist (${file})`);
      continue;
    }
    try {
      const key = createPublicKey(inline ? source : readFileSync(file, "utf8"));
      if (key.asymmetricKeyType !== "rsa") throw new Error(`a ${key.asymmetricKeyType ?? "unknown"} key`);
      keys.set(kid, key);
    } catch (error) {
      problems.push(
        `DRIVER_AUTH_JWT_KEYS: the key of kid ${kid} is not an RSA public key in PEM (${(error as Error).message.slice(0, 80)})`,
      );
    }
  }
  return keys;
}

function parseCidrs(name: string, value: string | undefined, problems: string[]): string[] {
  const cidrs = list(value).flatMap((entry) =>
    entry === "humanitec" ? [...HUMANITEC_SOURCE_ADDRESSES] : [entry],
  );
  for (const cidr of cidrs) {
    try {
      proxyAddr.compile(cidr);
    } catch {
      problems.push(`${name}: ${JSON.stringify(cidr)} is not an IP address or CIDR range (e.g. 10.0.0.0/8)`);
    }
  }
  return cidrs;
}

/**
 * The authentication of the driver from its variables, or problems naming the fix. Modes are
 * `DRIVER_AUTH`'s list, or inferred from the settings given; beyond loopback one is required
 * unless `DRIVER_AUTH=none` says so.
 */
export function parseAuthSettings(
  e: AuthVariables,
  options: { cwd: string; loopback: boolean },
  problems: string[],
): AuthConfig {
  const given = {
    token: e.DRIVER_AUTH_TOKEN !== undefined,
    path: e.DRIVER_AUTH_PATH_SECRET !== undefined,
    jwt: e.DRIVER_AUTH_JWT_KEYS !== undefined || e.DRIVER_AUTH_JWT_ORG !== undefined,
    source: e.DRIVER_AUTH_SOURCES !== undefined,
  };
  const trustedProxies = parseCidrs("DRIVER_TRUSTED_PROXIES", e.DRIVER_TRUSTED_PROXIES, problems);
  const requested = list(e.DRIVER_AUTH);
  if (requested.includes("none")) {
    if (requested.length > 1) problems.push("DRIVER_AUTH: `none` cannot be combined with other modes");
    const contradictions = Object.entries(given).filter(([, present]) => present);
    for (const [mode] of contradictions) {
      problems.push(
        `DRIVER_AUTH: is \`none\`, yet settings of the ${mode} mode are given; remove them, or set DRIVER_AUTH=${mode}`,
      );
    }
    return { modes: new Set(), trustedProxies };
  }
  const unknown = requested.filter((mode) => !(AUTH_MODES as readonly string[]).includes(mode));
  for (const mode of unknown) {
    problems.push(
      `DRIVER_AUTH: unknown mode ${JSON.stringify(mode)}; use a comma list of ${AUTH_MODES.join(", ")}, or none`,
    );
  }
  const modes = new Set<AuthMode>(
    requested.length > 0
      ? (requested.filter((mode) => !unknown.includes(mode)) as AuthMode[])
      : AUTH_MODES.filter((mode) => given[mode]),
  );
  if (modes.size === 0 && requested.length === 0 && !options.loopback) {
    problems.push(
      `DRIVER_AUTH: required when the driver listens beyond loopback (HOST=${e.HOST}); set DRIVER_AUTH_PATH_SECRET, DRIVER_AUTH_JWT_KEYS with DRIVER_AUTH_JWT_ORG, DRIVER_AUTH_SOURCES or DRIVER_AUTH_TOKEN, or DRIVER_AUTH=none to run without caller authentication`,
    );
  }
  for (const mode of AUTH_MODES) {
    if (given[mode] && !modes.has(mode) && requested.length > 0) {
      problems.push(
        `DRIVER_AUTH: settings of the ${mode} mode are given, but DRIVER_AUTH=${e.DRIVER_AUTH} leaves it out; add ${mode} or remove them`,
      );
    }
  }

  const config: { -readonly [K in keyof AuthConfig]: AuthConfig[K] } = { modes, trustedProxies };
  if (modes.has("token")) {
    if (e.DRIVER_AUTH_TOKEN) config.token = e.DRIVER_AUTH_TOKEN;
    else problems.push("DRIVER_AUTH_TOKEN: required when DRIVER_AUTH includes token");
  }
  if (modes.has("path")) {
    if (e.DRIVER_AUTH_PATH_SECRET === undefined) {
      problems.push(
        "DRIVER_AUTH_PATH_SECRET: required when DRIVER_AUTH includes path (e.g. `openssl rand -hex 24`)",
      );
    } else if (!PATH_SECRET.test(e.DRIVER_AUTH_PATH_SECRET)) {
      problems.push(
        "DRIVER_AUTH_PATH_SECRET: must be 32 to 256 URL-safe characters (letters, digits, - and _); generate one with `openssl rand -hex 24`",
      );
    } else config.pathSecret = e.DRIVER_AUTH_PATH_SECRET;
  }
  if (modes.has("jwt")) {
    const keys = e.DRIVER_AUTH_JWT_KEYS
      ? parseJwtKeys(e.DRIVER_AUTH_JWT_KEYS, options.cwd, problems)
      : new Map();
    if (!e.DRIVER_AUTH_JWT_KEYS || (keys.size === 0 && list(e.DRIVER_AUTH_JWT_KEYS).length === 0)) {
      problems.push(
        "DRIVER_AUTH_JWT_KEYS: required when DRIVER_AUTH includes jwt: `kid=/path/to/operator-key.pem`",
      );
    }
    if (!e.DRIVER_AUTH_JWT_ORG) {
      problems.push(
        "DRIVER_AUTH_JWT_ORG: required when DRIVER_AUTH includes jwt: the Humanitec organisation id tokens must name",
      );
    }
    config.jwt = {
      keys,
      org: e.DRIVER_AUTH_JWT_ORG ?? "",
      clockSkewSeconds: e.DRIVER_AUTH_JWT_CLOCK_SKEW_S,
      maxTtlSeconds: e.DRIVER_AUTH_JWT_MAX_TTL_S,
    };
  }
  if (modes.has("source")) {
    const sources = parseCidrs("DRIVER_AUTH_SOURCES", e.DRIVER_AUTH_SOURCES, problems);
    if (sources.length === 0) {
      problems.push(
        "DRIVER_AUTH_SOURCES: required when DRIVER_AUTH includes source: CIDRs, or `humanitec` for its published addresses",
      );
    }
    config.sources = sources;
  }
  return config;
}

/** The authentication as it may be logged: which modes, how many keys and ranges; no secret. */
export function describeAuth(auth: AuthConfig): Record<string, unknown> {
  return {
    modes: [...auth.modes],
    ...(auth.jwt ? { jwtKeyIds: [...auth.jwt.keys.keys()], jwtOrg: auth.jwt.org } : {}),
    ...(auth.sources ? { sources: auth.sources.length } : {}),
    trustedProxies: auth.trustedProxies.length,
  };
}
