import { LRUCache } from "lru-cache";

/**
 * Coalesces status lookups per resource: concurrent callers share one in-flight lookup, and a
 * result answers every caller for `ttlMs` (cloud Describe APIs are throttled; pollers are many).
 * Memory is bounded: at most `maxEntries` resources are remembered, the least recently polled
 * forgotten first.
 */
export class StatusCache<T> {
  readonly #inflight = new Map<string, Promise<T>>();
  readonly #fresh: LRUCache<string, { value: T; until: number }>;
  /** The last value each key's lookup gave, however old: the answer while the backend throttles. */
  readonly #lastKnown: LRUCache<string, { value: T }>;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    maxEntries = 10_000,
    /** Told whether each get() was answered from the cache (or a shared lookup) or loaded. */
    private readonly observe: (result: "hit" | "miss") => void = () => undefined,
  ) {
    this.#fresh = new LRUCache({ max: maxEntries });
    this.#lastKnown = new LRUCache({ max: maxEntries });
  }

  /** The value a get() would answer at once (counted as a hit), or undefined when it would wait. */
  peek(key: string): T | undefined {
    const cached = this.#fresh.get(key);
    if (cached === undefined || cached.until <= this.now()) return undefined;
    this.observe("hit");
    return cached.value;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.peek(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const running = this.#inflight.get(key);
    if (running) {
      this.observe("hit");
      return running;
    }
    this.observe("miss");
    const started = this.now();
    const lookup = load()
      .then((value) => {
        // A lookup that raced with an invalidation must not resurrect the old answer.
        if (this.#inflight.get(key) === lookup) {
          this.#lastKnown.set(key, { value });
          if (this.ttlMs > 0) this.#fresh.set(key, { value, until: started + this.ttlMs });
        }
        return value;
      })
      .finally(() => {
        if (this.#inflight.get(key) === lookup) this.#inflight.delete(key);
      });
    this.#inflight.set(key, lookup);
    return lookup;
  }

  /** What the last completed lookup of `key` gave, or undefined when none is remembered. */
  lastKnown(key: string): T | undefined {
    return this.#lastKnown.get(key)?.value;
  }

  /** Sets what `lastKnown` answers until the next lookup completes, e.g. right after a change. */
  remember(key: string, value: T): void {
    this.#lastKnown.set(key, { value });
  }

  /** The next get() looks the key up afresh; `lastKnown` still answers until it completes. */
  invalidate(key: string): void {
    this.#fresh.delete(key);
    this.#inflight.delete(key);
  }

  /** The last known value of every remembered key. */
  *lastKnownValues(): IterableIterator<T> {
    for (const { value } of this.#lastKnown.values()) yield value;
  }

  /** How many keys are remembered (fresh or last known); bounded by `maxEntries` each. */
  get size(): number {
    return Math.max(this.#fresh.size, this.#lastKnown.size);
  }
}
