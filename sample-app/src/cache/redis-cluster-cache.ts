import { setTimeout as sleep } from "node:timers/promises";
import { ClientOfflineError, createCluster } from "redis";
import type { RedisConnectionConfig } from "../config/load-config.js";
import { backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
import type { Cache, CacheCheck, CacheEndpoint, CacheFailure, ConnectionState } from "./cache.js";
import { CacheError } from "./cache-error.js";
import { describeCacheError, formatHost } from "./describe-cache-error.js";
import type { RedisCacheOptions } from "./redis-cache.js";

const CLOSED: CacheFailure = Object.freeze({
  kind: "closed",
  reason: "The cache connection is closed because the app is shutting down.",
});

/**
 * A cluster-aware cache: node-redis `createCluster` with host:port (the configuration endpoint of a
 * cluster-mode group, the endpoint of a serverless cache) as its root node. It reads the slot map
 * from there, connects to every shard's primary with the same TLS settings and credentials, and
 * follows MOVED/ASK, so keys on every shard work. Like the standalone cache it returns at once and
 * keeps trying in the background: discovery with backoff, each node reconnecting with backoff.
 */
export function openRedisClusterCache(config: RedisConnectionConfig, options: RedisCacheOptions): Cache {
  const logger = options.logger.child({ component: "cache" });
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const commandTimeoutMs = options.commandTimeoutMs ?? 5_000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 2_000;
  const endpoint: CacheEndpoint = Object.freeze({ host: config.host, port: config.port, tls: config.tls });
  const where = `${formatHost(endpoint.host)}:${endpoint.port}`;

  let state: ConnectionState = {
    status: "connecting",
    since: new Date(),
    failure: { kind: "connecting", reason: `Connecting to the cluster at ${where}; no answer yet.` },
  };
  let lastLatencyMs: number | undefined;
  let closing: Promise<void> | undefined;
  /** Nodes whose connection is down, by address: the cluster is fully usable only when none is. */
  const nodesDown = new Set<string>();

  if (config.database !== 0) {
    // loadConfig refuses this combination; a cluster has database 0 only and refuses SELECT.
    throw new Error(`a cluster has only database 0, not ${config.database}`);
  }

  const socket = {
    connectTimeout: connectTimeoutMs,
    reconnectStrategy: (retries: number) => backoffDelay(retries, backoff),
    ...(config.tls ? { tls: true as const, ca: config.caCertificate } : {}),
  };
  const cluster = createCluster({
    rootNodes: [{ socket: { ...socket, host: config.host, port: config.port } }],
    // Every connection to a discovered node is made from these: TLS and credentials as for the root.
    defaults: {
      socket,
      username: config.username,
      password: config.password,
      disableOfflineQueue: true,
      maintNotifications: "disabled",
    },
    commandOptions: { timeout: commandTimeoutMs },
    keyPrefix: config.keyPrefix,
  });

  const setFailure = (failure: CacheFailure) => {
    const previous = state.failure;
    if (previous?.kind !== failure.kind || previous.reason !== failure.reason) {
      logger.warn({ kind: failure.kind, reason: failure.reason }, "cache unavailable");
    }
    const since = state.status === "disconnected" ? state.since : new Date();
    state = { status: "disconnected", since, failure };
  };
  const setConnected = () => {
    if (state.status === "connected") return;
    state = { status: "connected", since: new Date(), failure: undefined };
    logger.info({ endpoint, shards: cluster.masters.length }, "cache connected (cluster)");
  };

  // Discovery errors (the root node) and node errors: the first tells why the cluster is unusable.
  cluster.on("error", (error: unknown) => {
    if (closing !== undefined) return;
    const handshake = state.status !== "connected";
    setFailure(describeCacheError(error, { endpoint, handshake, timeoutMs: connectTimeoutMs }));
  });
  cluster.on("node-error", (error: unknown, node: { host: string; port: number }) => {
    if (closing !== undefined) return;
    const address = `${formatHost(node.host)}:${node.port}`;
    nodesDown.add(address);
    const nodeEndpoint = { ...endpoint, host: node.host, port: node.port };
    setFailure(describeCacheError(error, { endpoint: nodeEndpoint, handshake: false }));
  });
  cluster.on("node-ready", (node: { host: string; port: number }) => {
    nodesDown.delete(`${formatHost(node.host)}:${node.port}`);
    if (closing === undefined && cluster.isReady && nodesDown.size === 0) setConnected();
  });

  void (async () => {
    for (let attempt = 0; closing === undefined; attempt += 1) {
      try {
        await cluster.connect();
        if (closing === undefined) setConnected();
        return;
      } catch (error) {
        if (closing !== undefined) return;
        // RootNodesUnavailableError carries no cause; the "error" event above said why.
        if (state.failure?.kind === "connecting") {
          setFailure(describeCacheError(error, { endpoint, handshake: true, timeoutMs: connectTimeoutMs }));
        }
        logger.debug({ err: error, attempt }, "cluster discovery failed; retrying");
        await sleep(backoffDelay(attempt, backoff));
      }
    }
  })();

  const failureOf = (error: unknown, timeoutMs: number): CacheFailure => {
    if (error instanceof ClientOfflineError) return state.failure ?? CLOSED;
    return describeCacheError(error, { endpoint, handshake: false, timeoutMs });
  };

  const run = async <T>(operation: () => Promise<T>): Promise<T> => {
    if (closing !== undefined) throw new CacheError(CLOSED);
    if (!cluster.isReady) throw new CacheError(state.failure ?? CLOSED);
    try {
      return await operation();
    } catch (error) {
      throw new CacheError(failureOf(error, commandTimeoutMs), { cause: error });
    }
  };

  return {
    endpoint,
    connection: () => state,
    clientKind: () => "cluster",
    lastLatencyMs: () => lastLatencyMs,

    async check(): Promise<CacheCheck> {
      if (closing !== undefined) return { ok: false, failure: CLOSED };
      if (!cluster.isReady) return { ok: false, failure: state.failure ?? CLOSED };
      const started = performance.now();
      try {
        // Ready means every shard answers: PING each primary, not just any node.
        await Promise.all(
          cluster.masters.map(async (master) => {
            const client = await cluster.nodeClient(master);
            await client.withCommandOptions({ timeout: pingTimeoutMs }).ping();
          }),
        );
      } catch (error) {
        return { ok: false, failure: failureOf(error, pingTimeoutMs) };
      }
      lastLatencyMs = Math.round((performance.now() - started) * 100) / 100;
      return { ok: true, latencyMs: lastLatencyMs };
    },

    incr: (key) => run(() => cluster.incr(key)),
    get: (key) => run(() => cluster.get(key)),
    set: (key, value) =>
      run(async () => {
        await cluster.set(key, value);
      }),

    close(timeoutMs) {
      closing ??= (async () => {
        state = { status: "closed", since: new Date(), failure: CLOSED };
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), timeoutMs);
        });
        try {
          const result = cluster.isOpen ? await Promise.race([cluster.close(), timedOut]) : "closed";
          if (result === "timeout") {
            logger.warn({ timeoutMs }, "cache did not close in time; dropping the connections");
            cluster.destroy();
          }
        } catch {
          cluster.destroy();
        } finally {
          clearTimeout(timer);
        }
        logger.info("cache connection closed");
      })();
      return closing;
    },
  };
}
