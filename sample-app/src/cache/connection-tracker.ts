import type { Logger } from "pino";
import { ClientOfflineError } from "redis";
import type { CacheCheck, CacheEndpoint, CacheFailure, ConnectionState } from "./cache.js";
import { CacheError } from "./cache-error.js";
import { describeCacheError } from "./describe-cache-error.js";

export const CLOSED: CacheFailure = Object.freeze({
  kind: "closed",
  reason: "The cache connection is closed because the app is shutting down.",
});

/** What a node-redis client or cluster offers for closing: a graceful close and a hard drop. */
export interface Closable {
  close(): Promise<unknown>;
  destroy(): void;
}

/**
 * The connection state of one cache, whichever node-redis client serves it: what /readyz reports,
 * the failure an operation meets while it is down, and the one close that wins.
 */
export interface ConnectionTracker {
  state(): ConnectionState;
  /** True once close() has begun: events from the client no longer change the state. */
  closing(): boolean;
  /** Logs a failure only when it differs from the last, and keeps the time the outage began. */
  setFailure(failure: CacheFailure): void;
  setConnected(): void;
  /** What an operation's error means; a client that refused because it is offline reports why it is. */
  failureOf(error: unknown, timeoutMs: number): CacheFailure;
  /** Runs `ping` while the client is ready and keeps its round trip; never rejects. */
  check(ping: () => Promise<unknown>, timeoutMs: number): Promise<CacheCheck>;
  /** Round trip of the last successful check, in ms. */
  lastLatencyMs(): number | undefined;
  /** Runs a command while the client is ready; rejects with CacheError otherwise. */
  run<T>(operation: () => Promise<T>): Promise<T>;
  /** Closes the client, dropping its connections after `timeoutMs`. Idempotent. */
  close(client: Closable, timeoutMs: number): Promise<void>;
}

export interface TrackerOptions {
  readonly logger: Logger;
  readonly endpoint: CacheEndpoint;
  /** The reason shown until the first attempt ends. */
  readonly connectingReason: string;
  readonly commandTimeoutMs: number;
  /** Whether the client can take commands now. */
  readonly isReady: () => boolean;
}

export function trackConnection(options: TrackerOptions): ConnectionTracker {
  const { logger, endpoint, commandTimeoutMs, isReady } = options;
  let state: ConnectionState = {
    status: "connecting",
    since: new Date(),
    failure: { kind: "connecting", reason: options.connectingReason },
  };
  let closing: Promise<void> | undefined;
  let lastLatencyMs: number | undefined;

  const failureOf = (error: unknown, timeoutMs: number): CacheFailure => {
    if (error instanceof ClientOfflineError) return state.failure ?? CLOSED;
    return describeCacheError(error, { endpoint, handshake: false, timeoutMs });
  };

  return {
    state: () => state,
    closing: () => closing !== undefined,

    setFailure(failure) {
      const previous = state.failure;
      if (previous?.kind !== failure.kind || previous.reason !== failure.reason) {
        logger.warn({ kind: failure.kind, reason: failure.reason }, "cache unavailable");
      }
      const since = state.status === "disconnected" ? state.since : new Date();
      state = { status: "disconnected", since, failure };
    },

    setConnected() {
      state = { status: "connected", since: new Date(), failure: undefined };
    },

    failureOf,

    async check(ping, timeoutMs) {
      if (closing !== undefined) return { ok: false, failure: CLOSED };
      if (!isReady()) return { ok: false, failure: state.failure ?? CLOSED };
      const started = performance.now();
      try {
        await ping();
      } catch (error) {
        return { ok: false, failure: failureOf(error, timeoutMs) };
      }
      lastLatencyMs = Math.round((performance.now() - started) * 100) / 100;
      return { ok: true, latencyMs: lastLatencyMs };
    },

    lastLatencyMs: () => lastLatencyMs,

    async run(operation) {
      if (closing !== undefined) throw new CacheError(CLOSED);
      if (!isReady()) throw new CacheError(state.failure ?? CLOSED);
      try {
        return await operation();
      } catch (error) {
        throw new CacheError(failureOf(error, commandTimeoutMs), { cause: error });
      }
    },

    close(client, timeoutMs) {
      closing ??= (async () => {
        state = { status: "closed", since: new Date(), failure: CLOSED };
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), timeoutMs);
        });
        try {
          const result = await Promise.race([client.close(), timedOut]);
          if (result === "timeout") {
            logger.warn({ timeoutMs }, "cache did not close in time; dropping its connections");
            client.destroy();
          }
        } catch {
          client.destroy();
        } finally {
          clearTimeout(timer);
        }
        logger.info("cache connection closed");
      })();
      return closing;
    },
  };
}
