/** How long a probe waits for a new check before it gets the last result instead. */
export const READINESS_PROBE_WAIT_MS = 1_000;

/**
 * Whether the driver can serve, from one backend check at most every `ttlMs`, shared by every probe.
 * Once a result is known, a probe waits at most `waitMs` for the next check and otherwise gets the
 * last result while that check goes on, so a slow or throttled backend API cannot time out the
 * probes of every replica at once. Only the very first probe waits for its check to finish (the
 * check bounds its own time).
 */
export class Readiness {
  #last: { at: number; problem: string | undefined } | undefined;
  #running: Promise<string | undefined> | undefined;

  constructor(
    private readonly check: () => Promise<string | undefined>,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
    private readonly waitMs = READINESS_PROBE_WAIT_MS,
  ) {}

  /** Undefined when ready, else what is wrong. */
  async problem(): Promise<string | undefined> {
    const last = this.#last;
    if (last && this.now() - last.at < this.ttlMs) return last.problem;
    const running = this.#refresh();
    if (!last) return running;
    let timer: NodeJS.Timeout | undefined;
    const lastResult = new Promise<string | undefined>((resolve) => {
      timer = setTimeout(() => resolve(last.problem), this.waitMs);
    });
    try {
      return await Promise.race([running, lastResult]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The check under way, or a new one; never rejects. */
  #refresh(): Promise<string | undefined> {
    this.#running ??= this.check()
      .catch(
        (error: unknown) =>
          `the readiness check failed: ${error instanceof Error ? error.message : String(error)}`,
      )
      .then((problem) => {
        this.#last = { at: this.now(), problem };
        return problem;
      })
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }
}
