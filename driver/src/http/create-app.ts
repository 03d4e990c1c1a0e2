import express, { type Express } from "express";
import responseTime from "response-time";
import type { Logger } from "pino";
import type { DriverConfig } from "../config/load-config.js";
import type { ResourceLifecycle } from "../lifecycle/resource-lifecycle.js";
import type { CookieCodec } from "../security/cookie-codec.js";
import { contractRoutes } from "./contract-routes.js";
import { errorHandler } from "./error-handler.js";
import { openApiDocument } from "./openapi.js";
import { requestLogger } from "./request-logger.js";
import { noRoute } from "./no-route.js";
import { requireAuth } from "./require-auth.js";
import { secretPath, withoutPathSecret } from "./secret-path.js";
import { seedRoutes } from "./seed-routes.js";

export interface AppDeps {
  config: Pick<DriverConfig, "auth" | "basePath" | "seedBasePath" | "bodyLimitBytes" | "seedWaitMs">;
  lifecycle: ResourceLifecycle;
  cookies: CookieCodec;
  logger: Logger;
  /** False while starting or shutting down; /readyz reports it. */
  isReady: () => boolean;
}

/** Builds the Express app; no side effects until someone listens. */
export function createApp({ config, lifecycle, cookies, logger, isReady }: AppDeps): Express {
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

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", (_req, res) => {
    const ready = isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready" });
  });
  const document = openApiDocument(config.basePath);
  app.get("/openapi.json", (_req, res) => {
    res.json(document);
  });

  const auth = requireAuth(config.auth, config.basePath);
  const limit = config.bodyLimitBytes;
  app.use(
    config.seedBasePath,
    auth,
    seedRoutes({ lifecycle, bodyLimitBytes: limit, waitMs: config.seedWaitMs }),
  );
  app.use(config.basePath, auth, contractRoutes({ lifecycle, cookies, bodyLimitBytes: limit }));
  app.use((req) => {
    throw noRoute(req, config.basePath, shownPath);
  });
  app.use(errorHandler(limit));
  return app;
}
