import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";

/**
 * The endpoint's asynchronous work (status transitions, engine starts): each task is tracked,
 * so closing waits for all of them, and every wait ends early once closing starts.
 */
export class Background {
  readonly #tasks = new Set<Promise<void>>();
  readonly #closing = new AbortController();

  constructor(private readonly logger: Logger) {}

  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  /** Runs `work` in the background; a failure is logged, never thrown to the caller. */
  run(label: string, work: (signal: AbortSignal) => Promise<void>): void {
    const task = work(this.#closing.signal)
      .catch((error: unknown) => {
        if (!this.#closing.signal.aborted)
          this.logger.error({ err: error, task: label }, "background task failed");
      })
      .finally(() => this.#tasks.delete(task));
    this.#tasks.add(task);
  }

  /** Waits `ms`, or rejects as soon as closing starts. */
  wait(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.#closing.signal });
  }

  /** Ends every wait and resolves when every task has finished. */
  async close(): Promise<void> {
    this.#closing.abort();
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }
}
