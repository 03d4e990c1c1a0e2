import { setTimeout as sleep } from "node:timers/promises";
import { createCluster } from "redis";
import type { RedisConnectionConfig } from "../config/load-config.js";
import { backoffDelay } from "./backoff.js";
import type { Cache } from "./cache.js";
import { cacheSettings } from "./cache-settings.js";
import { trackConnection } from "./connection-tracker.js";
import { describeCacheError, formatHost } from "./describe-cache-error.js";
import type { RedisCacheOptions } from "./redis-cache.js";

/**
 * A cluster-aware cache: node-redis `createCluster` with host:port (the configuration endpoint of a
 * cluster-mode group, the endpoint of a serverless cache) as its root node. It reads the slot map
 * from there, connects to every shard's primary with the same TLS settings and credentials, and
 * follows MOVED/ASK, so keys on every shard work. Like the standalone cache it returns at once and
 * keeps trying in the background: discovery with backoff, each node reconnecting with backoff.
 */
export function openRedisClusterCache(config: RedisConnectionConfig, options: RedisCacheOptions): Cache {
  const { logger, backoff, connectTimeoutMs, commandTimeoutMs, pingTimeoutMs, endpoint, where } =
    cacheSettings(config, options);

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

  const tracker = trackConnection({
    logger,
    endpoint,
    connectingReason: `Connecting to the cluster at ${where}; no answer yet.`,
    commandTimeoutMs,
    isReady: () => cluster.isReady,
  });
  const setConnected = () => {
    if (tracker.state().status === "connected") return;
    tracker.setConnected();
    logger.info({ endpoint, shards: cluster.masters.length }, "cache connected (cluster)");
  };

  // Discovery errors (the root node) and node errors: the first tells why the cluster is unusable.
  cluster.on("error", (error: unknown) => {
    if (tracker.closing()) return;
    const handshake = tracker.state().status !== "connected";
    tracker.setFailure(describeCacheError(error, { endpoint, handshake, timeoutMs: connectTimeoutMs }));
  });
  cluster.on("node-error", (error: unknown, node: { host: string; port: number }) => {
    if (tracker.closing()) return;
    const address = `${formatHost(node.host)}:${node.port}`;
    nodesDown.add(address);
    const nodeEndpoint = { ...endpoint, host: node.host, port: node.port };
    tracker.setFailure(describeCacheError(error, { endpoint: nodeEndpoint, handshake: false }));
  });
  cluster.on("node-ready", (node: { host: string; port: number }) => {
    nodesDown.delete(`${formatHost(node.host)}:${node.port}`);
    if (!tracker.closing() && cluster.isReady && nodesDown.size === 0) setConnected();
  });

  void (async () => {
    for (let attempt = 0; !tracker.closing(); attempt += 1) {
      try {
        await cluster.connect();
        if (!tracker.closing()) setConnected();
        return;
      } catch (error) {
        if (tracker.closing()) return;
        // RootNodesUnavailableError carries no cause; the "error" event above said why.
        if (tracker.state().failure?.kind === "connecting") {
          tracker.setFailure(
            describeCacheError(error, { endpoint, handshake: true, timeoutMs: connectTimeoutMs }),
          );
        }
        logger.debug({ err: error, attempt }, "cluster discovery failed; retrying");
        await sleep(backoffDelay(attempt, backoff));
      }
    }
  })();

  return {
    endpoint,
    connection: () => tracker.state(),
    clientKind: () => "cluster",
    lastLatencyMs: () => tracker.lastLatencyMs(),
    // Ready means every shard answers: PING each primary, not just any node.
    check: () =>
      tracker.check(
        () =>
          Promise.all(
            cluster.masters.map(async (master) => {
              const client = await cluster.nodeClient(master);
              await client.withCommandOptions({ timeout: pingTimeoutMs }).ping();
            }),
          ),
        pingTimeoutMs,
      ),

    incr: (key) => tracker.run(() => cluster.incr(key)),
    get: (key) => tracker.run(() => cluster.get(key)),
    set: (key, value) =>
      tracker.run(async () => {
        await cluster.set(key, value);
      }),

    close: (timeoutMs) =>
      tracker.close(
        {
          // A cluster whose discovery never succeeded is not open: there is nothing to close.
          close: async () => (cluster.isOpen ? cluster.close() : undefined),
          destroy: () => cluster.destroy(),
        },
        timeoutMs,
      ),
  };
}
