import { setTimeout as sleep } from "node:timers/promises";
import type { Exchange } from "./exchange.js";

/** A request repeated until the driver gives a terminal answer (the contract's only way to poll). */
export interface Operation {
  /** Every answer, the first request included. */
  readonly exchanges: readonly Exchange[];
  readonly first: Exchange;
  readonly final: Exchange;
  /** True when the answer was still "in progress" when the wait ran out. */
  readonly gaveUp: boolean;
  readonly elapsedMs: number;
}

export interface PollOptions {
  /** Whether an answer means "still in progress, repeat the same request". */
  readonly inProgress: (exchange: Exchange) => boolean;
  readonly intervalMs: number;
  /** How long the operation may stay in progress. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** An answer already received for the first request. */
  readonly first?: Exchange;
}

export async function poll(send: () => Promise<Exchange>, options: PollOptions): Promise<Operation> {
  const started = Date.now();
  const first = options.first ?? (await send());
  const exchanges = [first];
  let final = first;
  // A request that got no answer is terminal: waiting on a blocking driver again proves nothing new.
  while (final.outcome.kind === "response" && options.inProgress(final)) {
    if (Date.now() - started >= options.timeoutMs) {
      return { exchanges, first, final, gaveUp: true, elapsedMs: Date.now() - started };
    }
    await sleep(options.intervalMs, undefined, { signal: options.signal });
    final = await send();
    exchanges.push(final);
  }
  return { exchanges, first, final, gaveUp: false, elapsedMs: Date.now() - started };
}
