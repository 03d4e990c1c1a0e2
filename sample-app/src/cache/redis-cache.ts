import type { Logger } from "pino";
import { createClient, ErrorReply } from "redis";
import type { RedisConnectionConfig } from "../config/load-config.js";
import { backoffDelay } from "./backoff.js";
import type { BackoffOptions } from "./backoff.js";
import type { Cache } from "./cache.js";
import { cacheSettings } from "./cache-settings.js";
import { trackConnection } from "./connection-tracker.js";
import { describeCacheError, isTransportSymptom } from "./describe-cache-error.js";
import type { ServerTransport } from "./describe-cache-error.js";
import { probeTransport } from "./probe-transport.js";

export interface RedisCacheOptions {
  readonly logger: Logger;
  /** Reconnect delays. Default: 100 ms doubling up to 5 s, with jitter. */
  readonly backoff?: BackoffOptions;
  /** TCP + TLS connect timeout, in ms. Default 5000. */
  readonly connectTimeoutMs?: number;
  /** Timeout of INCR/GET/SET, in ms. Default 5000 (node-redis' own default). */
  readonly commandTimeoutMs?: number;
  /** Timeout of the readiness PING, in ms. Default 2000. */
  readonly pingTimeoutMs?: number;
}

/** A single-connection cache that can also ask its server whether it runs in cluster mode. */
export interface StandaloneCache extends Cache {
  /** `INFO cluster` says `cluster_enabled:1`. Rejects with CacheError (e.g. NOPERM, not connected). */
  clusterEnabled(): Promise<boolean>;
}

export interface StandaloneCacheOptions extends RedisCacheOptions {
  /** Called on every (re)connection once the client is ready. */
  readonly onReady?: () => void;
}

/**
 * Starts connecting in the background and returns at once: the app serves its page and /healthz while
 * the cache is down, and node-redis reconnects with backoff for as long as the process runs.
 */
export function openRedisCache(
  config: RedisConnectionConfig,
  options: StandaloneCacheOptions,
): StandaloneCache {
  const { logger, backoff, connectTimeoutMs, commandTimeoutMs, pingTimeoutMs, endpoint, where } =
    cacheSettings(config, options);

  const common = {
    host: config.host,
    port: config.port,
    connectTimeout: connectTimeoutMs,
    reconnectStrategy: (retries: number) => backoffDelay(retries, backoff),
  };
  const client = createClient({
    socket: config.tls ? { ...common, tls: true, ca: config.caCertificate } : common,
    username: config.username,
    password: config.password,
    database: config.database,
    keyPrefix: config.keyPrefix,
    // Fail requests at once while disconnected instead of queueing them until a reconnect.
    disableOfflineQueue: true,
    maintNotifications: "disabled",
    commandOptions: { timeout: commandTimeoutMs },
  });
  const pingClient = client.withCommandOptions({ timeout: pingTimeoutMs });

  const tracker = trackConnection({
    logger,
    endpoint,
    connectingReason: `Connecting to ${where}; no answer yet.`,
    commandTimeoutMs,
    isReady: () => client.isReady,
  });
  let attemptFailed = false;
  let serverTransport: ServerTransport | undefined;
  let probing = false;

  client.on("ready", () => {
    attemptFailed = false;
    serverTransport = undefined;
    tracker.setConnected();
    logger.info({ endpoint }, "cache connected");
    options.onReady?.();
  });
  client.on("reconnecting", () => {
    attemptFailed = false;
  });
  client.on("error", (error: unknown) => {
    // One attempt can emit several errors; the first is the most specific.
    if (tracker.closing() || attemptFailed) return;
    attemptFailed = true;
    const handshake = tracker.state().status !== "connected";
    const context = { endpoint, handshake, serverTransport, timeoutMs: connectTimeoutMs };
    tracker.setFailure(describeCacheError(error, context));
    if (handshake && serverTransport === undefined && !probing && isTransportSymptom(error)) {
      probing = true;
      void probeTransport(endpoint, pingTimeoutMs).then((found) => {
        probing = false;
        serverTransport = found;
        if (!tracker.closing() && tracker.state().status === "disconnected") {
          tracker.setFailure(describeCacheError(error, { ...context, serverTransport: found }));
        }
      });
    }
  });

  client.connect().catch((error: unknown) => {
    logger.debug({ err: error }, "connect loop ended");
  });

  return {
    endpoint,
    connection: () => tracker.state(),
    clientKind: () => "standalone",
    lastLatencyMs: () => tracker.lastLatencyMs(),
    check: () => tracker.check(() => pingClient.ping(), pingTimeoutMs),

    clusterEnabled: () => tracker.run(() => askClusterEnabled(client)),

    incr: (key) => tracker.run(() => client.incr(key)),
    get: (key) => tracker.run(() => client.get(key)),
    set: (key, value) =>
      tracker.run(async () => {
        await client.set(key, value);
      }),

    close: (timeoutMs) => tracker.close(client, timeoutMs),
  };
}

/**
 * `INFO cluster` says `cluster_enabled:1` on a cluster. A user without `@dangerous` (as a key-prefix
 * user of a shared cache) may not run INFO; `CLUSTER INFO`, which every cluster client needs, then
 * answers instead, and a server without cluster mode refuses it ("cluster support disabled").
 */
async function askClusterEnabled(client: {
  info(section: string): Promise<string>;
  sendCommand(args: string[]): Promise<unknown>;
}): Promise<boolean> {
  try {
    return /^cluster_enabled:1\b/m.test(await client.info("cluster"));
  } catch (error) {
    if (!(error instanceof ErrorReply) || !error.message.startsWith("NOPERM")) throw error;
  }
  try {
    await client.sendCommand(["CLUSTER", "INFO"]);
    return true;
  } catch (error) {
    if (error instanceof ErrorReply && /cluster support disabled/i.test(error.message)) return false;
    throw error;
  }
}
