import { formatDuration } from "../cli/duration.js";

/** Reports what the cloud (or anything slow) is doing right now, while a step runs. */
export type StatusFn = (text: string) => void;

export interface ProgressOptions {
  readonly write: (line: string) => void;
  /** Clock in ms; default `performance.now`. */
  readonly now?: () => number;
  /** While a step runs, an unchanged status is repeated this often with its age, in ms (0: never). Default 30 000. */
  readonly heartbeatMs?: number;
}

/**
 * Progress lines for long commands: each step's start, its end with how long it took, and in between
 * the latest status of the work (repeated now and then when it does not change, so a silent wait is
 * visibly alive). Every line starts with the time since the command began.
 */
export class Progress {
  readonly #write: (line: string) => void;
  readonly #now: () => number;
  readonly #heartbeatMs: number;
  readonly #started: number;

  constructor(options: ProgressOptions) {
    this.#write = options.write;
    this.#now = options.now ?? (() => performance.now());
    this.#heartbeatMs = options.heartbeatMs ?? 30_000;
    this.#started = this.#now();
  }

  /** Time since the command began, in ms. */
  elapsed(): number {
    return this.#now() - this.#started;
  }

  /** A line that starts a part of the output. */
  heading(text: string): void {
    this.#line(`▶ ${text}`);
  }

  /** A line under the current heading or step. */
  note(text: string): void {
    this.#line(`  ${text}`);
  }

  skipped(title: string, why: string): void {
    this.#line(`↷ ${title}: ${why}`);
  }

  async step<T>(title: string, run: (status: StatusFn) => Promise<T>): Promise<T> {
    const started = this.#now();
    this.#line(`▶ ${title}`);
    let last: { text: string; since: number; shown: number } | undefined;
    const status: StatusFn = (text) => {
      const now = this.#now();
      if (last?.text === text) return;
      last = { text, since: now, shown: now };
      this.#line(`  · ${text}`);
    };
    const heartbeat =
      this.#heartbeatMs > 0
        ? setInterval(
            () => {
              const now = this.#now();
              if (last === undefined || now - last.shown < this.#heartbeatMs) return;
              last.shown = now;
              this.#line(`  · ${last.text} (for ${formatDuration(now - last.since)})`);
            },
            Math.min(this.#heartbeatMs, 5_000),
          )
        : undefined;
    heartbeat?.unref();
    try {
      const result = await run(status);
      this.#line(`✓ ${title} (${formatDuration(this.#now() - started)})`);
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      this.#line(`✗ ${title} (${formatDuration(this.#now() - started)}): ${message}`);
      throw error;
    } finally {
      if (heartbeat) clearInterval(heartbeat);
    }
  }

  #line(text: string): void {
    this.#write(`[${clock(this.elapsed())}] ${text}`);
  }
}

function clock(ms: number): string {
  const seconds = Math.floor(ms / 1_000);
  return `${String(Math.floor(seconds / 60)).padStart(2, " ")}:${String(seconds % 60).padStart(2, "0")}`;
}
