import { setTimeout as sleep } from "node:timers/promises";
import type { ReplicaPair } from "./replica-pair.js";

/** One answer, with what the soak judges it by. */
export interface SoakAnswer {
  method: "PUT" | "GET" | "DELETE";
  replica: 0 | 1;
  status: number;
  body: unknown;
  text: string;
  /** Whether the request carried a driver cookie (Humanitec sends none before the first answer). */
  hadCookie: boolean;
}

/** Thrown when the run's request budget is spent: the soak is bounded in requests as in time. */
export class RequestBudgetSpent extends Error {
  constructor(limit: number) {
    super(`the soak's budget of ${limit} driver requests is spent`);
    this.name = "RequestBudgetSpent";
  }
}

const COOKIE_IN = "humanitec-driver-cookie";
const COOKIE_OUT = "set-humanitec-driver-cookie";

/**
 * Calls the two replicas the way Humanitec reaches a Deployment behind a round-robin Service: each
 * request goes to the next replica; one that is down (killed, restarting) is skipped, and a request
 * it cut is sent to the other, as a load balancer's retry would. The cookie of each resource is sent
 * back as Humanitec does. Never retries an answer.
 */
export class RoundRobinCaller {
  readonly #pair: ReplicaPair;
  readonly #cookies = new Map<string, string>();
  readonly #limit: number;
  #next = 0;
  #sent = 0;
  #rerouted = 0;

  constructor(pair: ReplicaPair, limit: number) {
    this.#pair = pair;
    this.#limit = limit;
  }

  get sent(): number {
    return this.#sent;
  }

  /** Requests a killed replica cut, sent again to the other one. */
  get rerouted(): number {
    return this.#rerouted;
  }

  /** Sends to the next replica, or to `replica` when given (still skipping one that is down). */
  async send(
    method: SoakAnswer["method"],
    guresid: string,
    body?: unknown,
    replica?: 0 | 1,
    deadline = Date.now() + 30_000,
  ): Promise<SoakAnswer> {
    let target: 0 | 1 = replica ?? ((this.#next++ % 2) as 0 | 1);
    for (;;) {
      if (this.#sent >= this.#limit) throw new RequestBudgetSpent(this.#limit);
      const url = this.#pair.url(target) ?? this.#pair.url((1 - target) as 0 | 1);
      if (url === undefined) {
        if (Date.now() > deadline) throw new Error("both replicas down for too long");
        await sleep(100);
        continue;
      }
      const used: 0 | 1 = this.#pair.url(target) === url ? target : ((1 - target) as 0 | 1);
      try {
        return await this.#sendTo(url, used, method, guresid, body);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        // The replica died under the request: the other one gets it.
        this.#rerouted += 1;
        target = (1 - used) as 0 | 1;
        await sleep(50);
      }
    }
  }

  async #sendTo(
    url: string,
    replica: 0 | 1,
    method: SoakAnswer["method"],
    guresid: string,
    body: unknown,
  ): Promise<SoakAnswer> {
    this.#sent += 1;
    const headers: Record<string, string> = { accept: "application/json" };
    const cookie = this.#cookies.get(guresid);
    if (cookie !== undefined) headers[COOKIE_IN] = cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${url}${guresid}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    const next = response.headers.get(COOKIE_OUT);
    if (next === "" || (method === "DELETE" && response.status === 204)) this.#cookies.delete(guresid);
    else if (next !== null) this.#cookies.set(guresid, next);
    let parsed: unknown;
    try {
      parsed = text.trim() === "" ? undefined : (JSON.parse(text) as unknown);
    } catch {
      parsed = undefined;
    }
    return { method, replica, status: response.status, body: parsed, text, hadCookie: cookie !== undefined };
  }
}

/**
 * What is wrong with an answer to a valid request, or undefined. A 5xx is wrong, except the
 * documented fallback: `503 RES-119` to a request without a cookie (nothing known of the resource
 * anywhere while the backend throttles). Any 4xx is wrong (the request was valid), a 409 too (the
 * requests of a life are identical until it changes them itself).
 */
export function answerProblem(answer: SoakAnswer): string | undefined {
  const { method, status } = answer;
  const code = (answer.body as { error?: unknown } | undefined)?.error;
  const where = `${method} on replica ${answer.replica} answered ${status}${typeof code === "string" ? ` ${code}` : ""}`;
  if (status === 503 && code === "RES-119" && !answer.hadCookie) return undefined;
  if (status >= 500) return `${where}: ${answer.text.slice(0, 300)}`;
  if (status === 409) return `${where} to an identical request: ${answer.text.slice(0, 300)}`;
  if (status >= 400) return `${where} to a valid request: ${answer.text.slice(0, 300)}`;
  const expected = method === "DELETE" ? [202, 204] : [200, 202];
  return expected.includes(status) ? undefined : `${where}, not one of ${expected.join(", ")}`;
}

/** Whether the answer is the documented fallback (503 RES-119 before any cookie). */
export const isColdFallback = (answer: SoakAnswer): boolean => answer.status === 503 && !answer.hadCookie;
