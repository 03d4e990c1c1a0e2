/**
 * Coalesces status lookups per resource: concurrent callers share one in-flight lookup, and a
 * result answers every caller for `ttlMs` (cloud Describe APIs are throttled; pollers are many).
 */
export class StatusCache<T> {
  readonly #inflight = new Map<string, Promise<T>>();
  readonly #fresh = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.#fresh.get(key);
    if (cached && cached.until > this.now()) return Promise.resolve(cached.value);
    const running = this.#inflight.get(key);
    if (running) return running;
    const started = this.now();
    const lookup = load()
      .then((value) => {
        // A lookup that raced with an invalidation must not resurrect the old answer.
        if (this.#inflight.get(key) === lookup && this.ttlMs > 0) {
          this.#fresh.set(key, { value, until: started + this.ttlMs });
        }
        return value;
      })
      .finally(() => {
        if (this.#inflight.get(key) === lookup) this.#inflight.delete(key);
      });
    this.#inflight.set(key, lookup);
    return lookup;
  }

  /** Forgets what is known about a key; the next get() looks it up afresh. */
  invalidate(key: string): void {
    this.#fresh.delete(key);
    this.#inflight.delete(key);
  }
}
