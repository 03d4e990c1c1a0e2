/** Whether the driver can serve: answered from one check at most every `ttlMs`, shared by every probe. */
export class Readiness {
  #last: { at: number; problem: string | undefined } | undefined;
  #running: Promise<string | undefined> | undefined;

  constructor(
    private readonly check: () => Promise<string | undefined>,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Undefined when ready, else what is wrong. */
  async problem(): Promise<string | undefined> {
    if (this.#last && this.now() - this.#last.at < this.ttlMs) return this.#last.problem;
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
