import type { Exchange } from "./exchange.js";

/** Every exchange of a run, in order, each tagged with the check that was running. */
export class ExchangeLog {
  readonly #exchanges: Exchange[] = [];
  #current = "setup";

  /** Tags the exchanges that follow with this check id. */
  setCurrent(checkId: string): void {
    this.#current = checkId;
  }

  get current(): string {
    return this.#current;
  }

  nextSeq(): number {
    return this.#exchanges.length + 1;
  }

  add(exchange: Exchange): void {
    this.#exchanges.push(exchange);
  }

  all(): readonly Exchange[] {
    return this.#exchanges;
  }

  forCheck(checkId: string): Exchange[] {
    return this.#exchanges.filter((exchange) => exchange.check === checkId);
  }
}
