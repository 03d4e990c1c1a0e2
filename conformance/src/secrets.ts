import { stringLeaves } from "./shapes/json.js";

/** Shorter strings match by accident too often to prove a leak. */
export const MIN_SECRET_LENGTH = 6;

/** Secret outputs that are not credentials, so seeing them elsewhere is no leak. */
const NON_CREDENTIAL_KEYS = /^(user|username|ca|ca_cert|ca_certificate)$/i;

export interface Sensitive {
  readonly value: string;
  /** Where it came from, e.g. `sent driver.secrets.account.aws_secret_access_key`; never the value. */
  readonly source: string;
}

/** Credential strings from a secrets object, with their source label. */
export function sensitiveLeaves(secrets: unknown, source: string): Sensitive[] {
  return stringLeaves(secrets)
    .filter(({ path, value }) => {
      const key = path.split(".").at(-1) ?? path;
      return value.length >= MIN_SECRET_LENGTH && !NON_CREDENTIAL_KEYS.test(key);
    })
    .map(({ path, value }) => ({ value, source: path ? `${source}.${path}` : source }));
}

/** Unique by value, longest first so redaction replaces a URL before the password inside it. */
export function uniqueSensitive(items: readonly Sensitive[]): Sensitive[] {
  const byValue = new Map<string, Sensitive>();
  for (const item of items) if (!byValue.has(item.value)) byValue.set(item.value, item);
  return [...byValue.values()].sort((a, b) => b.value.length - a.value.length);
}

/**
 * Whether `haystack` holds `secret` readably: in plain text, in base64 or base64url (at any byte
 * alignment), in hex, URL-encoded, or inside a base64-looking or percent-encoded part that decodes
 * to text holding it.
 */
export function containsSecret(haystack: string, secret: string): boolean {
  if (secret === "" || haystack === "") return false;
  if (encodedForms(secret).some((form) => haystack.includes(form))) return true;
  return decodedViews(haystack).some((view) => view.includes(secret));
}

/** Which sensitive values a text holds (their sources, not the values). */
export function leakedSources(haystack: string, sensitive: readonly Sensitive[]): string[] {
  return sensitive.filter((item) => containsSecret(haystack, item.value)).map((item) => item.source);
}

/**
 * The value and the substrings its common encodings leave in any text that holds it: base64 and
 * base64url at each byte alignment, lower- and upper-case hex, and URL encoding.
 */
export function encodedForms(secret: string): string[] {
  return [...new Set([secret, ...base64Forms(secret), ...hexForms(secret), ...urlForms(secret)])];
}

/** Substrings every base64/base64url encoding of a text holding `secret` contains, one per byte alignment. */
export function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    // Characters touched by the padding bytes or the final partial group depend on the neighbours.
    const start = offset === 0 ? 0 : Math.ceil((offset * 4) / 3) + 1;
    const stable = encoded.replace(/=+$/, "").slice(start, -2);
    if (stable.length >= 8) forms.push(stable, stable.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return forms;
}

function hexForms(secret: string): string[] {
  const hex = Buffer.from(secret, "utf8").toString("hex");
  return [hex, hex.toUpperCase()];
}

/** Percent-encoding as encodeURIComponent writes it, with lower-case digits, and as HTML forms write it. */
function urlForms(secret: string): string[] {
  const component = encodeURIComponent(secret);
  return [
    component,
    component.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    new URLSearchParams({ v: secret }).toString().slice(2),
  ];
}

/** The decodable parts of a text, decoded: base64-looking tokens, and runs of percent-escapes. */
function decodedViews(text: string): string[] {
  const views = (text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []).map((token) =>
    Buffer.from(token, "base64").toString("utf8"),
  );
  if (/%[0-9A-Fa-f]{2}/.test(text)) views.push(text.replace(/(?:%[0-9A-Fa-f]{2})+/g, percentDecoded));
  return views;
}

function percentDecoded(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
}
