import type { Exchange } from "./exchange.js";

export const SET_COOKIE_HEADER = "set-humanitec-driver-cookie";
export const COOKIE_HEADER = "humanitec-driver-cookie";

/**
 * Keeps the driver cookie per GUResID the way Humanitec does: the last `Set-Humanitec-Driver-Cookie`
 * is sent back on every later call, an empty one stops that, and a DELETE answering 204 drops it.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();
  #everSet = false;

  get(id: string): string | undefined {
    return this.#cookies.get(id);
  }

  /** Whether the driver has set a non-empty cookie at any point of the run. */
  get everSet(): boolean {
    return this.#everSet;
  }

  observe(id: string, exchange: Exchange): void {
    if (exchange.outcome.kind !== "response") return;
    const { status, headers } = exchange.outcome;
    if (exchange.method === "DELETE" && status === 204) {
      this.#cookies.delete(id);
      return;
    }
    const value = headers[SET_COOKIE_HEADER];
    if (value === undefined) return;
    if (value === "") {
      this.#cookies.delete(id);
    } else {
      this.#cookies.set(id, value);
      this.#everSet = true;
    }
  }
}

/** Every cookie the driver set in a list of exchanges. */
export function cookiesSet(exchanges: readonly Exchange[]): { exchange: Exchange; cookie: string }[] {
  return exchanges.flatMap((exchange) => {
    const cookie =
      exchange.outcome.kind === "response" ? exchange.outcome.headers[SET_COOKIE_HEADER] : undefined;
    return cookie ? [{ exchange, cookie }] : [];
  });
}
