import { fileURLToPath } from "node:url";
import express from "express";
import type { Express } from "express";
import type { Logger } from "pino";
import type { Cache } from "../cache/cache.js";
import { errorHandler, notFound } from "./error-handler.js";
import { requestLogger } from "./request-logger.js";
import { healthRoutes } from "./routes/health-routes.js";
import { keyRoutes } from "./routes/key-routes.js";
import { statusRoutes } from "./routes/status-routes.js";
import { visitRoutes } from "./routes/visit-routes.js";
import { securityHeaders } from "./security-headers.js";

/** The package's `public/` folder; the same relative path from `src/http/` and `dist/http/`. */
export const PUBLIC_DIR = fileURLToPath(new URL("../../public/", import.meta.url));

export interface AppDeps {
  readonly cache: Cache;
  readonly logger: Logger;
  /** Folder served at `/` (index.html, app.js, app.css). Default: PUBLIC_DIR. */
  readonly publicDir?: string;
}

/** Builds the Express app; no side effects (nothing listens, nothing connects). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders);
  app.use(requestLogger(deps.logger));
  app.use(healthRoutes(deps.cache));
  app.use(visitRoutes(deps.cache));
  app.use(keyRoutes(deps.cache));
  app.use(statusRoutes(deps.cache));
  app.use(express.static(deps.publicDir ?? PUBLIC_DIR));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
