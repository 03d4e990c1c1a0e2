import { setTimeout as sleep } from "node:timers/promises";
import type { StatusFn } from "../progress/progress.js";

/** One look: done with a value, or not yet with what it saw. */
export type Look<T> =
  | { readonly done: true; readonly value: T }
  | { readonly done: false; readonly seen: string }
  /** Waiting longer cannot help (e.g. the driver answered 400): stop with this. */
  | { readonly done: "failed"; readonly error: Error };

export interface WaitForOptions {
  /** What is awaited, for the timeout message: "the driver to answer /readyz". */
  readonly what: string;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly status: StatusFn;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Looks until done, for at most `timeoutMs`, reporting what each look saw. A look that throws
 * counts as "not yet" with its message (a workload that is still starting refuses connections).
 */
export async function waitFor<T>(look: () => Promise<Look<T>>, options: WaitForOptions): Promise<T> {
  const started = performance.now();
  for (;;) {
    options.signal?.throwIfAborted();
    let seen: string;
    try {
      const result = await look();
      if (result.done === true) return result.value;
      if (result.done === "failed") throw new Stop(result.error);
      seen = result.seen;
    } catch (error) {
      if (error instanceof Stop) throw error.error;
      if (options.signal?.aborted) throw options.signal.reason;
      seen = error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
    }
    options.status(seen);
    if (performance.now() - started >= options.timeoutMs) {
      throw new Error(
        `gave up after ${Math.round(options.timeoutMs / 1_000)} s waiting for ${options.what}; last: ${seen}`,
      );
    }
    await sleep(options.intervalMs, undefined, options.signal ? { signal: options.signal } : {});
  }
}

class Stop {
  constructor(readonly error: Error) {}
}
