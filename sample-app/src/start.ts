import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { RedisCacheOptions } from "./cache/redis-cache.js";
import { openCache } from "./cache/open-cache.js";
import type { AppConfig } from "./config/load-config.js";
import { redact } from "./config/redact-config.js";
import { createApp } from "./http/create-app.js";
import { createLogger } from "./logging/create-logger.js";

export interface StartOptions {
  /** Default: JSON logs on stdout at `config.logLevel`. */
  readonly logger?: Logger;
  /** Reconnect backoff and timeouts of the cache client. */
  readonly cache?: Omit<RedisCacheOptions, "logger">;
}

/** A listening app. `close()` is idempotent; `await using` closes it too. */
export interface RunningApp extends AsyncDisposable {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  close(): Promise<void>;
}

/** The least time the cache gets to close when the HTTP server used up the shutdown budget. */
const MIN_CACHE_CLOSE_MS = 500;

/**
 * Connects to the cache in the background and listens on `config.host:config.port` (0: a free port).
 * Resolves once the port is open, whether or not the cache answers.
 */
export async function start(config: AppConfig, options: StartOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  logger.info({ config: redact(config) }, "starting");
  const cache = openCache(config.redis, { ...options.cache, logger });
  const server = http.createServer(createApp({ cache, logger }));

  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await cache.close(0);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(config.host)}:${port}`;
  logger.info({ address: url }, "listening");

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const started = Date.now();
      logger.info({ timeoutMs: config.shutdownTimeoutMs }, "shutting down");
      await closeServer(server, config.shutdownTimeoutMs);
      const left = config.shutdownTimeoutMs - (Date.now() - started);
      await cache.close(Math.max(left, MIN_CACHE_CLOSE_MS));
      logger.info("stopped");
    })();
    return closing;
  };
  return { url, close, [Symbol.asyncDispose]: close };
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Stops accepting, lets open requests finish, and cuts whatever is still open after `timeoutMs`. */
function closeServer(server: http.Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
