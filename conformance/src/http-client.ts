import { performance } from "node:perf_hooks";
import { HarnessError } from "./check.js";
import type { Credentials } from "./credentials.js";
import type { Exchange, ExchangeOutcome } from "./exchange.js";
import type { ExchangeLog } from "./exchange-log.js";

/** How a request authenticates: with the run's token, with none, or with a given bearer value. */
export type AuthMode = "token" | "none" | { readonly bearer: string };

export interface DriverRequest {
  readonly method: "GET" | "PUT" | "POST" | "DELETE";
  /** Relative to the driver URL, starting with `/`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as `application/json`; a string is sent verbatim (for malformed bodies). */
  readonly body?: unknown;
  readonly auth?: AuthMode;
}

export interface DriverClientOptions {
  /** Driver URL; a trailing slash is optional. */
  readonly baseUrl: string;
  readonly credentials: Credentials | undefined;
  /** The contract's bound on one response; the request is abandoned after it. */
  readonly requestTimeoutMs: number;
  readonly log: ExchangeLog;
  /** The signal of whatever is running now (the run, or one check's guard). */
  readonly signal: () => AbortSignal;
}

/**
 * Codes that mean the driver took the request and then dropped the connection. Anything else (refused,
 * unresolvable, a port fetch will not use, TLS trouble) means the harness never reached the driver.
 */
const DROPPED_CODES = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE", "UND_ERR_CLOSED"]);

/** Sends requests to the driver and records every exchange; never retries. */
export class DriverClient {
  readonly #base: string;

  constructor(private readonly options: DriverClientOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, "");
  }

  async send(request: DriverRequest): Promise<Exchange> {
    const headers: Record<string, string> = { accept: "application/json", ...request.headers };
    const bearer = await this.#bearer(request.auth ?? "token");
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
      headers["content-type"] ??= "application/json";
    }

    const runSignal = this.options.signal();
    runSignal.throwIfAborted();
    const bound = AbortSignal.timeout(this.options.requestTimeoutMs);
    const startedAt = new Date().toISOString();
    const started = performance.now();
    let outcome: ExchangeOutcome;
    try {
      const response = await fetch(`${this.#base}${request.path}`, {
        method: request.method,
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.any([runSignal, bound]),
      });
      const text = await response.text();
      outcome = {
        kind: "response",
        status: response.status,
        headers: Object.fromEntries(response.headers),
        text,
        json: parseJson(text),
      };
    } catch (error) {
      if (runSignal.aborted) throw runSignal.reason;
      if (bound.aborted) outcome = { kind: "no-answer", afterMs: this.options.requestTimeoutMs };
      else outcome = classifyNetworkError(error);
    }

    const exchange: Exchange = {
      seq: this.options.log.nextSeq(),
      check: this.options.log.current,
      method: request.method,
      path: request.path,
      requestHeaders: headers,
      requestBody: body,
      startedAt,
      durationMs: performance.now() - started,
      outcome,
    };
    this.options.log.add(exchange);
    if (outcome.kind === "unreachable") {
      throw new HarnessError(`cannot reach the driver at ${this.#base}${request.path}: ${outcome.message}`);
    }
    return exchange;
  }

  async #bearer(auth: AuthMode): Promise<string | undefined> {
    if (auth === "none") return undefined;
    if (auth === "token") return this.options.credentials?.bearer();
    return auth.bearer;
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function classifyNetworkError(error: unknown): ExchangeOutcome {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code =
    typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : undefined;
  const message = cause instanceof Error ? cause.message : String(cause);
  const text = code ? `${code}: ${message}` : message;
  return code !== undefined && DROPPED_CODES.has(code)
    ? { kind: "broken", message: text }
    : { kind: "unreachable", message: text };
}
