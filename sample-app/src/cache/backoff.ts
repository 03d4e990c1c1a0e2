export interface BackoffOptions {
  /** Delay before the first retry, in ms. Default 100. */
  readonly initialMs: number;
  /** Upper bound of any delay, in ms. Default 5000. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = Object.freeze({ initialMs: 100, maxMs: 5_000 });

/**
 * Delay before reconnect attempt `retries` (0-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so many app replicas do not reconnect in lockstep after a cache failover.
 */
export function backoffDelay(
  retries: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(retries, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
