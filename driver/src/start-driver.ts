import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DestinationStream, Logger } from "pino";
import { redactConfig, type DriverConfig } from "./config/load-config.js";
import { answerClientError } from "./http/answer-client-error.js";
import { createApp } from "./http/create-app.js";
import { Readiness } from "./http/readiness.js";
import { DriverMetrics } from "./metrics/driver-metrics.js";
import { ResourceLifecycle } from "./lifecycle/resource-lifecycle.js";
import { createLogger } from "./logging/create-logger.js";
import { createProvisioner } from "./provisioners/create-provisioner.js";
import type { Provisioner } from "./provisioners/provisioner.js";
import { CookieCodec } from "./security/cookie-codec.js";
import { resolveDriverKey } from "./security/driver-key.js";
import { SecretDeriver } from "./security/secret-deriver.js";

export interface StartOptions {
  /** Where logs go (default: stdout). */
  logDestination?: DestinationStream;
  /** A ready-made provisioner (tests); by default one is built from the config. */
  provisioner?: Provisioner;
}

export interface RunningDriver {
  /** Base URL of the v0.9 routes, with a trailing slash: `${url}${guresid}`. */
  readonly url: string;
  /** Base URL of the 2020 profile, with a trailing slash. */
  readonly seedUrl: string;
  readonly origin: string;
  readonly provisioner: Provisioner;
  readonly metrics: DriverMetrics;
  readonly logger: Logger;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Builds every part from a validated config and listens. */
export async function startDriver(config: DriverConfig, options: StartOptions = {}): Promise<RunningDriver> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const key = await resolveDriverKey(config.key);
  const secrets = new SecretDeriver(key);
  const provisioner = options.provisioner ?? (await createProvisioner(config, logger));
  // The gauge of resources reads the lifecycle at scrape time, when it exists.
  const metrics = new DriverMetrics(provisioner.name, () => lifecycle.resourcesByStatus());
  const lifecycle: ResourceLifecycle = new ResourceLifecycle({
    provisioner,
    secrets,
    logger,
    metrics,
    statusCacheMs: config.statusCacheMs,
    statusCacheEntries: config.statusCacheEntries,
    operationTimeoutMs: config.operationTimeoutMs,
  });
  let accepting = true;
  const backend = new Readiness(
    async () => (await provisioner.checkReady?.()) ?? undefined,
    config.readyCheckMs,
  );
  const app = createApp({
    config,
    lifecycle,
    cookies: new CookieCodec(secrets.cookieKey()),
    logger,
    metrics,
    notReady: async () => (accepting ? backend.problem() : "shutting down"),
  });
  const server = createServer(
    {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(1_000, Math.floor(Math.min(config.headersTimeoutMs, config.requestTimeoutMs) / 4)),
      ),
    },
    app,
  );
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  server.on("clientError", answerClientError(logger));
  server.listen(config.port, config.host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":")
    ? `[${config.host}]`
    : config.host === "0.0.0.0"
      ? "127.0.0.1"
      : config.host;
  const origin = `http://${host}:${port}`;
  // With path authentication the URLs carry the secret: they are for callers, never for logs.
  const secret = config.auth.pathSecret === undefined ? "" : `/${config.auth.pathSecret}`;
  const withSlash = (prefix: string) => `${origin}${secret}${prefix === "/" ? "" : prefix}/`;
  logger.info({ config: redactConfig(config), provisioner: provisioner.name, origin }, "driver listening");

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      accepting = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      await closed;
      clearTimeout(timer);
      await provisioner.close();
      logger.info("driver stopped");
      // Bounded: flushing to a closed pipe never calls back.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        logger.flush(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    })();
    return closing;
  };
  return {
    url: withSlash(config.basePath),
    seedUrl: withSlash(config.seedBasePath),
    origin,
    provisioner,
    metrics,
    logger,
    close,
    [Symbol.asyncDispose]: close,
  };
}
