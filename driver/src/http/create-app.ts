import express, { type Express, type RequestHandler } from "express";
import responseTime from "response-time";
import type { Logger } from "pino";
import type { DriverConfig } from "../config/load-config.js";
import type { ResourceLifecycle } from "../lifecycle/resource-lifecycle.js";
import type { CookieCodec } from "../security/cookie-codec.js";
import type { DriverMetrics, RouteLabel } from "../metrics/driver-metrics.js";
import { contractRoutes } from "./contract-routes.js";
import { metricsRoute } from "./metrics-route.js";
import { errorHandler } from "./error-handler.js";
import { openApiDocument } from "./openapi.js";
import { rejectDeclaredOversize } from "./reject-declared-oversize.js";
import { requestLogger } from "./request-logger.js";
import { noRoute } from "./no-route.js";
import { requireAuth } from "./require-auth.js";
import { reservedIds } from "./reserved-ids.js";
import { secretPath, withoutPathSecret } from "./secret-path.js";
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

/** Counts every answer under the route it was served by (a fixed label, never the path). */
function countRequests(metrics: DriverMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.request(
        (res.locals.route as RouteLabel | undefined) ?? "unknown",
        req.method,
        res.statusCode,
        seconds,
      );
    });
    next();
  };
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
  // A target registered with a trailing slash yields `//{guresid}`: collapse it.
  app.use((req, _res, next) => {
    const [path = "", query] = req.url.split("?", 2);
    if (path.includes("//"))
      req.url = path.replace(/\/{2,}/g, "/") + (query === undefined ? "" : `?${query}`);
    next();
  });
  // Server-Timing tells callers (and the benchmark) how long the driver itself took.
  app.use(
    responseTime((_req, res, ms) => {
      res.setHeader("Server-Timing", `app;dur=${ms.toFixed(2)}`);
    }),
  );
  const shownPath = config.auth.pathSecret === undefined ? (path: string) => path : withoutPathSecret;
  // Behind a load balancer, only the configured proxies may name the caller (X-Forwarded-For).
  app.set("trust proxy", config.auth.trustedProxies.length > 0 ? [...config.auth.trustedProxies] : false);
  if (config.auth.pathSecret !== undefined) app.use(secretPath(config.auth.pathSecret));
  app.use(requestLogger(logger, shownPath));
  app.use(countRequests(metrics));
  app.use(rejectDeclaredOversize(config.bodyLimitBytes));

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
  app.use(
    config.basePath,
    routed("contract"),
    auth,
    contractRoutes({ lifecycle, cookies, bodyLimitBytes: limit, reservedIds: reserved }),
  );
  app.use((req, res) => {
    res.locals.route = "unknown";
    throw noRoute(req, config.basePath, shownPath);
  });
  app.use(errorHandler(limit));
  return app;
}
