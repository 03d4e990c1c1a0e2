import express, { type Express, type RequestHandler } from "express";
import type { Logger } from "pino";
import type { DriverConfig } from "../config/load-config.js";
import type { ResourceLifecycle } from "../lifecycle/resource-lifecycle.js";
import type { CookieCodec } from "../security/cookie-codec.js";
import type { DriverMetrics, RouteLabel } from "../metrics/driver-metrics.js";
import { addContractRoutes } from "./contract-routes.js";
import { metricsRoute } from "./metrics-route.js";
import { declaredOversize } from "./declared-oversize.js";
import { errorHandler } from "./error-handler.js";
import { openApiDocument } from "./openapi.js";
import { requestLogger, addServerTiming } from "./request-logger.js";
import { noRoute } from "./no-route.js";
import { requireAuth } from "./require-auth.js";
import { reservedIds } from "./reserved-ids.js";
import { pathSecretCheck, withoutPathSecret } from "./secret-path.js";
import { seedRoutes } from "./seed-routes.js";

export interface AppDeps {
  config: Pick<
    DriverConfig,
    "auth" | "basePath" | "seedBasePath" | "bodyLimitBytes" | "seedWaitMs" | "metricsToken"
  >;
  lifecycle: ResourceLifecycle;
  cookies: CookieCodec;
  logger: Logger;
  metrics: DriverMetrics;
  /** Undefined when the driver can serve, else why not (shutting down, backend unreachable). */
  notReady: () => Promise<string | undefined>;
}

const routed =
  (route: RouteLabel): RequestHandler =>
  (_req, res, next) => {
    res.locals.route = route;
    next();
  };

/** Builds the Express app; no side effects until someone listens. */
export function createApp({ config, lifecycle, cookies, logger, metrics, notReady }: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  // Server-Timing tells callers (and the benchmark) how long the driver itself took.
  addServerTiming(app.response);
  const shownPath = config.auth.pathSecret === undefined ? (path: string) => path : withoutPathSecret;
  // Behind a load balancer, only the configured proxies may name the caller (X-Forwarded-For).
  app.set("trust proxy", config.auth.trustedProxies.length > 0 ? [...config.auth.trustedProxies] : false);
  const acceptPathSecret =
    config.auth.pathSecret === undefined ? undefined : pathSecretCheck(config.auth.pathSecret);
  // Every answer is counted under the route it was served by (a fixed label, never the path).
  const logRequest = requestLogger(logger, shownPath, (req, res, ms) => {
    metrics.request(
      (res.locals.route as RouteLabel | undefined) ?? "unknown",
      req.method,
      res.statusCode,
      ms / 1000,
    );
  });
  const tooLarge = declaredOversize(config.bodyLimitBytes);
  // What every request needs before routing, in one layer: Humanitec repeats its polls, and each
  // layer is paid on every one of them.
  app.use((req, res, next) => {
    // A target registered with a trailing slash yields `//{guresid}`: collapse it.
    if (req.url.includes("//")) {
      const [path = "", query] = req.url.split("?", 2);
      if (path.includes("//"))
        req.url = path.replace(/\/{2,}/g, "/") + (query === undefined ? "" : `?${query}`);
    }
    acceptPathSecret?.(req, res);
    const oversize = tooLarge(req, res);
    logRequest(req, res, oversize === undefined ? next : () => next(oversize));
  });

  app.get("/healthz", routed("healthz"), (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", routed("readyz"), async (_req, res) => {
    const problem = await notReady();
    res
      .status(problem === undefined ? 200 : 503)
      .json(problem === undefined ? { status: "ready" } : { status: "not ready", reason: problem });
  });
  app.get("/metrics", routed("metrics"), metricsRoute(metrics, config.metricsToken));
  const document = openApiDocument(config.basePath);
  app.get("/openapi.json", routed("openapi"), (_req, res) => {
    res.json(document);
  });

  const auth = requireAuth(config.auth, config.basePath);
  const limit = config.bodyLimitBytes;
  const reserved = reservedIds(config.seedBasePath);
  app.use(
    config.seedBasePath,
    routed("seed"),
    auth,
    seedRoutes({ lifecycle, bodyLimitBytes: limit, waitMs: config.seedWaitMs, reservedIds: reserved }),
  );
  addContractRoutes(app.router, {
    lifecycle,
    cookies,
    bodyLimitBytes: limit,
    reservedIds: reserved,
    basePath: config.basePath,
    guards: [routed("contract"), auth],
  });
  app.use((req, res) => {
    res.locals.route = "unknown";
    throw noRoute(req, config.basePath, shownPath);
  });
  app.use(errorHandler(limit));
  return app;
}
