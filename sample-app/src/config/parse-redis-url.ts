/** The parts of a `redis://` or `rediss://` URL the app uses. */
export interface RedisUrlParts {
  readonly host: string;
  readonly port: number | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly tls: boolean;
  readonly database: number | undefined;
}

export type RedisUrlResult =
  | { readonly ok: true; readonly parts: RedisUrlParts }
  | { readonly ok: false; readonly problems: readonly string[] };

const SHAPE = "redis://[username:password@]host[:port][/db] or rediss://... for TLS";

/**
 * Parses REDIS_URL. Problems never quote the URL itself, because it may carry a password.
 */
export function parseRedisUrl(value: string): RedisUrlResult {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problems: [`is not a valid URL; expected ${SHAPE}`] };
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    return {
      ok: false,
      problems: [`must start with redis:// or rediss://, got "${url.protocol}//"; expected ${SHAPE}`],
    };
  }
  const problems: string[] = [];
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") problems.push(`has no host; expected ${SHAPE}`);

  const path = url.pathname.replace(/^\//, "");
  let database: number | undefined;
  if (path !== "") {
    if (/^\d{1,2}$/.test(path)) database = Number(path);
    else problems.push(`path must be empty or a database number (0-15), got "/${path.slice(0, 20)}"`);
  }
  if (url.search !== "" || url.hash !== "") {
    problems.push("query parameters and fragments are not supported; use the REDIS_* variables instead");
  }
  const username = decodeUserInfo(url.username);
  const password = decodeUserInfo(url.password);
  if (username === null || password === null) {
    problems.push(
      "username or password contains invalid percent-encoding; encode reserved characters as %XX",
    );
  }
  if (problems.length > 0 || username === null || password === null) return { ok: false, problems };

  return {
    ok: true,
    parts: {
      host,
      port: url.port === "" ? undefined : Number(url.port),
      username,
      password,
      tls: url.protocol === "rediss:",
      database,
    },
  };
}

function decodeUserInfo(value: string): string | undefined | null {
  if (value === "") return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
