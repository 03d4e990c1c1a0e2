import type { RedisConnectionConfig } from "../config/load-config.js";
import type { Cache, CacheCheck, CacheFailure, ClientKind, ConnectionState } from "./cache.js";
import { CacheError } from "./cache-error.js";
import { formatHost } from "./describe-cache-error.js";
import { openRedisCache } from "./redis-cache.js";
import type { RedisCacheOptions } from "./redis-cache.js";
import { openRedisClusterCache } from "./redis-cluster-cache.js";

/**
 * Opens the cache with the client it needs. The driver's outputs are the same for every deployment
 * (host and port are a primary endpoint, a configuration endpoint or a serverless endpoint), so
 * with `cluster: "auto"` the server decides: the first connection asks `INFO cluster` (`CLUSTER INFO`
 * for a user without INFO), and when it says cluster mode the app switches to a cluster-aware client, as it must on AWS for cluster
 * mode and serverless. `"true"` and `"false"` skip the question (e.g. for a user whose ACL denies INFO).
 */
export function openCache(config: RedisConnectionConfig, options: RedisCacheOptions): Cache {
  if (config.cluster === "true") return openRedisClusterCache(config, options);
  if (config.cluster === "false") return openRedisCache(config, options);
  return openDetectingCache(config, options);
}

function openDetectingCache(config: RedisConnectionConfig, options: RedisCacheOptions): Cache {
  const logger = options.logger.child({ component: "cache" });
  const where = `${formatHost(config.host)}:${config.port}`;
  let kind: ClientKind | undefined;
  let asking = false;
  let closed = false;
  let since = new Date();

  const standalone = openRedisCache(config, { ...options, onReady: () => void decide() });
  let current: Cache = standalone;

  async function decide(): Promise<void> {
    if (kind !== undefined || asking || closed) return;
    asking = true;
    try {
      const clustered = await standalone.clusterEnabled();
      if (closed) return;
      since = new Date();
      if (!clustered) {
        kind = "standalone";
        logger.info("the cache runs without cluster mode; using one connection");
        return;
      }
      kind = "cluster";
      logger.info("the cache runs in cluster mode; switching to a cluster-aware client");
      current = openRedisClusterCache(config, options);
      await standalone.close(1_000);
    } catch (error) {
      if (error instanceof CacheError && error.failure.kind === "rejected") {
        // The user may not run INFO: stay on one connection, and say how to choose.
        kind = "standalone";
        logger.warn(
          { reason: error.failure.reason },
          "could not ask the cache whether it runs in cluster mode (INFO cluster, CLUSTER INFO); using one connection. Set REDIS_CLUSTER=true if it is a cluster-mode or serverless cache.",
        );
        return;
      }
      // The connection dropped before the answer: ask again on the next "ready".
      logger.debug({ err: error }, "INFO cluster failed; asking again on the next connection");
    } finally {
      asking = false;
    }
  }

  /** While the answer is pending, the app is still connecting: no command may go to the wrong client. */
  const undecided = (): CacheFailure | undefined =>
    kind === undefined && !closed
      ? {
          kind: "connecting",
          reason: `Connecting to ${where}: finding out whether the cache runs in cluster mode.`,
        }
      : undefined;

  const connection = (): ConnectionState => {
    const pending = undecided();
    const state = current.connection();
    if (pending === undefined || state.status !== "connected") return state;
    return { status: "connecting", since, failure: pending };
  };

  const guarded =
    <A extends unknown[], R>(operation: (cache: Cache, ...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const pending = undecided();
      if (pending !== undefined && standalone.connection().status === "connected") {
        return Promise.reject(new CacheError(pending));
      }
      return operation(current, ...args);
    };

  return {
    endpoint: standalone.endpoint,
    connection,
    clientKind: () => kind,
    lastLatencyMs: () => current.lastLatencyMs(),
    check(): Promise<CacheCheck> {
      const pending = undecided();
      if (pending !== undefined && standalone.connection().status === "connected") {
        return Promise.resolve({ ok: false, failure: pending });
      }
      return current.check();
    },
    incr: guarded((cache, key: string) => cache.incr(key)),
    get: guarded((cache, key: string) => cache.get(key)),
    set: guarded((cache, key: string, value: string) => cache.set(key, value)),
    async close(timeoutMs) {
      closed = true;
      await Promise.all([standalone.close(timeoutMs), current.close(timeoutMs)]);
    },
  };
}
