import type { Exchange } from "./exchange.js";
import { encodedForms, type Sensitive } from "./secrets.js";
import { isPlainObject } from "./shapes/json.js";

export const REDACTED = "[REDACTED]";

/** Headers whose whole value is withheld from reports (credentials, or state that may hold them). */
const WITHHELD_HEADERS = new Set([
  "authorization",
  "humanitec-driver-cookie",
  "set-humanitec-driver-cookie",
  "humanitec-driver-secrets",
]);

/** Request/response members whose string leaves are secret by definition. */
const SECRET_MEMBERS = new Set(["secrets", "driver_secrets"]);

/** Replaces every sensitive value, plain or encoded (base64, hex, URL encoding), with a marker. */
export function redactText(text: string, sensitive: readonly Sensitive[]): string {
  let out = text;
  for (const item of sensitive) {
    for (const form of encodedForms(item.value)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** Replaces the string leaves of any `secrets`/`driver_secrets` member, at any depth. */
export function redactSecretMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecretMembers);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_MEMBERS.has(key) ? redactLeaves(item) : redactSecretMembers(item),
    ]),
  );
}

function redactLeaves(value: unknown): unknown {
  if (typeof value === "string") return REDACTED;
  if (Array.isArray(value)) return value.map(redactLeaves);
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactLeaves(v)]));
  return value;
}

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      WITHHELD_HEADERS.has(name.toLowerCase()) ? withheld(value) : value,
    ]),
  );
}

function withheld(value: string): string {
  return value === "" ? "" : `${REDACTED} (${Buffer.byteLength(value, "utf8")} bytes)`;
}

/** A body for a report: JSON with secret members redacted, sensitive values removed, cut to `limit` characters. */
export function redactBody(
  text: string | undefined,
  sensitive: readonly Sensitive[],
  limit: number,
): string | undefined {
  if (text === undefined) return undefined;
  let shown = text;
  try {
    shown = JSON.stringify(redactSecretMembers(JSON.parse(text)));
  } catch {
    // Not JSON: only the value-based redaction applies.
  }
  shown = redactText(shown, sensitive);
  return shown.length > limit ? `${shown.slice(0, limit)}… (${shown.length - limit} more characters)` : shown;
}

/** An exchange as it may appear in a report. */
export interface ExchangeExcerpt {
  readonly seq: number;
  readonly check: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly method: string;
  readonly path: string;
  readonly requestHeaders: Record<string, string>;
  readonly requestBody?: string;
  readonly outcome: Exchange["outcome"]["kind"];
  readonly status?: number;
  readonly responseHeaders?: Record<string, string>;
  readonly responseBody?: string;
  readonly message?: string;
}

export function excerptExchange(
  exchange: Exchange,
  sensitive: readonly Sensitive[],
  bodyLimit = 2000,
): ExchangeExcerpt {
  const base = {
    seq: exchange.seq,
    check: exchange.check,
    startedAt: exchange.startedAt,
    durationMs: Math.round(exchange.durationMs),
    method: exchange.method,
    path: exchange.path,
    requestHeaders: redactHeaders(exchange.requestHeaders),
    ...(exchange.requestBody === undefined
      ? {}
      : { requestBody: redactBody(exchange.requestBody, sensitive, bodyLimit) }),
    outcome: exchange.outcome.kind,
  };
  const outcome = exchange.outcome;
  if (outcome.kind === "response") {
    return {
      ...base,
      status: outcome.status,
      responseHeaders: redactHeaders(outcome.headers),
      responseBody: redactBody(outcome.text, sensitive, bodyLimit),
    };
  }
  if (outcome.kind === "no-answer") return { ...base, message: `no answer within ${outcome.afterMs} ms` };
  return { ...base, message: redactText(outcome.message, sensitive) };
}
