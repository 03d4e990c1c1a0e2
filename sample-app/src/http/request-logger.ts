import type { RequestHandler } from "express";
import type { Logger } from "pino";

/** Paths the page and probes hit every second or so: logged at debug so they do not drown the rest. */
const QUIET_PATHS = new Set([
  "/healthz",
  "/readyz",
  "/api/status",
  "/",
  "/app.js",
  "/app.css",
  "/favicon.svg",
]);

export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once("finish", () => {
      const entry = {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (QUIET_PATHS.has(req.path) && res.statusCode < 500) logger.debug(entry, "request");
      else logger.info(entry, "request");
    });
    next();
  };
}
