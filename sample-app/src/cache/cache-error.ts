import type { CacheFailure } from "./cache.js";

/** A cache operation failed; `failure` says why in words a person can act on. */
export class CacheError extends Error {
  override readonly name = "CacheError";
  constructor(
    readonly failure: CacheFailure,
    options?: { cause?: unknown },
  ) {
    super(failure.reason, options);
  }
}
