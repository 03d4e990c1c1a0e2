import type { Readiness } from "./cache-consumer.js";

export interface SampleAppAnswer {
  readonly status: number;
  /** The JSON body, or the text when it is not JSON. */
  readonly body: unknown;
}

/** The sample app's HTTP API as its page and probes use it. */
export interface SampleAppClient {
  readonly url: string;
  request(method: string, path: string, signal?: AbortSignal, body?: unknown): Promise<SampleAppAnswer>;
  /** `GET /readyz`: ready on 200; the 503 body's `reason` says why not. */
  readiness(signal?: AbortSignal): Promise<Readiness>;
  /** `POST /api/visits`; resolves with the new count, throws on anything but 200. */
  visit(signal?: AbortSignal): Promise<number>;
}

/** A client of the sample app at `url` (its base URL, without a trailing slash). */
export function sampleAppClient(url: string, requestTimeoutMs = 10_000): SampleAppClient {
  const base = url.replace(/\/+$/, "");
  const request = async (method: string, path: string, signal?: AbortSignal, body?: unknown) => {
    const bound = AbortSignal.timeout(requestTimeoutMs);
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
      signal: signal ? AbortSignal.any([signal, bound]) : bound,
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as unknown };
    } catch {
      return { status: response.status, body: text };
    }
  };
  return {
    url: base,
    request,
    async readiness(signal) {
      const { status, body } = await request("GET", "/readyz", signal);
      const reason = isObject(body) && typeof body.reason === "string" ? body.reason : undefined;
      return { ready: status === 200, status, body, ...(reason === undefined ? {} : { reason }) };
    },
    async visit(signal) {
      const { status, body } = await request("POST", "/api/visits", signal);
      const visits = isObject(body) ? body.visits : undefined;
      if (status !== 200 || typeof visits !== "number") {
        throw new Error(`POST ${base}/api/visits answered ${status}: ${JSON.stringify(body)}`);
      }
      return visits;
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
