import { setTimeout as sleep } from "node:timers/promises";

export interface PollUntilOptions<T> {
  /** How long to keep probing, in ms. */
  readonly timeoutMs: number;
  /** Pause between two probes, in ms. */
  readonly intervalMs: number;
  readonly signal?: AbortSignal | undefined;
  /** What is awaited, for the error message: "the sample app to reach the cache". */
  readonly what: string;
  /** How the last result reads in the error message. */
  readonly describe?: (value: T) => string;
}

export interface Polled<T> {
  readonly value: T;
  /** Every result, the last included. */
  readonly values: readonly T[];
  readonly elapsedMs: number;
}

/**
 * Probes until `done` holds for a result, for at most `timeoutMs`; then throws with the last
 * result. A probe that throws ends the poll: only answers count, never errors.
 */
export async function pollUntil<T>(
  probe: (signal: AbortSignal | undefined) => Promise<T>,
  done: (value: T) => boolean,
  options: PollUntilOptions<T>,
): Promise<Polled<T>> {
  const started = performance.now();
  const values: T[] = [];
  for (;;) {
    options.signal?.throwIfAborted();
    const value = await probe(options.signal);
    values.push(value);
    const elapsedMs = performance.now() - started;
    if (done(value)) return { value, values, elapsedMs };
    if (elapsedMs >= options.timeoutMs) {
      const last = options.describe ? options.describe(value) : JSON.stringify(value);
      throw new Error(`waited ${Math.round(elapsedMs)} ms for ${options.what}; last: ${last}`);
    }
    await sleep(options.intervalMs, undefined, options.signal ? { signal: options.signal } : {});
  }
}
