import express, { type Express } from "express";
import responseTime from "response-time";
import type { Logger } from "pino";
import type { DriverConfig } from "../config/load-config.js";
import { DriverError } from "../errors.js";
import type { ResourceLifecycle } from "../lifecycle/resource-lifecycle.js";
import type { CookieCodec } from "../security/cookie-codec.js";
import { contractRoutes } from "./contract-routes.js";
import { errorHandler } from "./error-handler.js";
import { openApiDocument } from "./openapi.js";
import { rejectDeclaredOversize } from "./reject-declared-oversize.js";
import { requestLogger } from "./request-logger.js";
import { requireAuth } from "./require-auth.js";
import { reservedIds } from "./reserved-ids.js";
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
  app.use(requestLogger(logger));
  app.use(rejectDeclaredOversize(config.bodyLimitBytes));

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

  const auth = requireAuth(config.auth);
  const limit = config.bodyLimitBytes;
  const reserved = reservedIds(config.seedBasePath);
  app.use(
    config.seedBasePath,
    auth,
    seedRoutes({ lifecycle, bodyLimitBytes: limit, waitMs: config.seedWaitMs, reservedIds: reserved }),
  );
  app.use(
    config.basePath,
    auth,
    contractRoutes({ lifecycle, cookies, bodyLimitBytes: limit, reservedIds: reserved }),
  );
  app.use((req) => {
    throw new DriverError("RES-109", `no route for ${req.method} ${req.path.slice(0, 100)}`, {
      fix: `resources live under ${config.basePath === "/" ? "" : config.basePath}/{guresid}`,
    });
  });
  app.use(errorHandler(limit));
  return app;
}
