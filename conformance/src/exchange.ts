/** What came back for one request. */
export type ExchangeOutcome =
  | {
      readonly kind: "response";
      readonly status: number;
      /** Lower-case header names. */
      readonly headers: Readonly<Record<string, string>>;
      readonly text: string;
      /** The parsed body, or undefined when it is not JSON. */
      readonly json: unknown;
    }
  /** No complete answer within the per-request bound. */
  | { readonly kind: "no-answer"; readonly afterMs: number }
  /** The driver accepted the connection, then dropped it without an answer. */
  | { readonly kind: "broken"; readonly message: string }
  /** The harness could not connect at all. */
  | { readonly kind: "unreachable"; readonly message: string };

/** One request to the driver and its outcome, as recorded for checks and reports. */
export interface Exchange {
  readonly seq: number;
  /** Id of the check (or `teardown`) that was running when the request was sent. */
  readonly check: string;
  readonly method: string;
  /** Path relative to the driver URL, starting with `/`. */
  readonly path: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody: string | undefined;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly outcome: ExchangeOutcome;
}

export type ResponseOutcome = Extract<ExchangeOutcome, { kind: "response" }>;

export function responseOf(exchange: Exchange): ResponseOutcome | undefined {
  return exchange.outcome.kind === "response" ? exchange.outcome : undefined;
}

export function statusOf(exchange: Exchange): number | undefined {
  return responseOf(exchange)?.status;
}

export function jsonOf(exchange: Exchange): unknown {
  return responseOf(exchange)?.json;
}

/** Shortens 40-hex GUResIDs so messages stay readable. */
export function shortPath(path: string): string {
  return path.replace(/[0-9a-f]{40}/g, (id) => `${id.slice(0, 8)}…`);
}

/** e.g. `PUT /1a2b3c4d… → 202 (12 ms)`. */
export function describeExchange(exchange: Exchange): string {
  const head = `${exchange.method} ${shortPath(exchange.path)}`;
  const outcome = exchange.outcome;
  switch (outcome.kind) {
    case "response":
      return `${head} → ${outcome.status} (${Math.round(exchange.durationMs)} ms)`;
    case "no-answer":
      return `${head} → no answer within ${outcome.afterMs} ms`;
    case "broken":
      return `${head} → connection dropped without an answer (${outcome.message})`;
    case "unreachable":
      return `${head} → driver unreachable (${outcome.message})`;
  }
}
