/** One answer from the driver. */
export interface DriverAnswer {
  readonly status: number;
  /** The JSON body, or undefined when the body is empty or not JSON. */
  readonly body: unknown;
  readonly text: string;
}

export interface HumanitecCallerOptions {
  /** The driver's `target` URL: `{target}{GUResID}` is called. A trailing slash is optional. */
  readonly driverUrl: string;
  /** Sent as `Authorization: Bearer <token>` when given. */
  readonly token?: string | undefined;
  /** How long one request may wait for its answer, in ms (default 10 000). */
  readonly requestTimeoutMs?: number;
}

const COOKIE_IN = "humanitec-driver-cookie";
const COOKIE_OUT = "set-humanitec-driver-cookie";

/**
 * Calls a driver the way the Platform Orchestrator does: PUT with InputData and DELETE without a
 * body on `{target}{GUResID}`, sending the last `Set-Humanitec-Driver-Cookie` back as
 * `Humanitec-Driver-Cookie` until an empty one or a DELETE that answers 204. Never retries.
 */
export class HumanitecCaller {
  readonly #base: string;
  readonly #cookies = new Map<string, string>();

  constructor(private readonly options: HumanitecCallerOptions) {
    this.#base = options.driverUrl.endsWith("/") ? options.driverUrl : `${options.driverUrl}/`;
  }

  put(guresid: string, inputData: unknown, signal?: AbortSignal): Promise<DriverAnswer> {
    return this.#send("PUT", guresid, inputData, signal);
  }

  /** GET: the driver reports the resource and changes nothing. */
  get(guresid: string, signal?: AbortSignal): Promise<DriverAnswer> {
    return this.#send("GET", guresid, undefined, signal);
  }

  delete(guresid: string, signal?: AbortSignal): Promise<DriverAnswer> {
    return this.#send("DELETE", guresid, undefined, signal);
  }

  async #send(
    method: "PUT" | "GET" | "DELETE",
    guresid: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<DriverAnswer> {
    const url = `${this.#base}${guresid}`;
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const cookie = this.#cookies.get(guresid);
    if (cookie !== undefined) headers[COOKIE_IN] = cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    const timeoutMs = this.options.requestTimeoutMs ?? 10_000;
    const bound = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: "manual",
        signal: signal ? AbortSignal.any([signal, bound]) : bound,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (bound.aborted) {
        throw new Error(`${method} ${url}: no answer within ${timeoutMs} ms`, { cause: error });
      }
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw new Error(`${method} ${url}: cannot reach the driver (${messageOf(cause)})`, { cause: error });
    }
    const text = await response.text();
    const next = response.headers.get(COOKIE_OUT);
    if (next === "" || (method === "DELETE" && response.status === 204)) this.#cookies.delete(guresid);
    else if (next !== null) this.#cookies.set(guresid, next);
    return { status: response.status, body: parseJson(text), text };
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

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
