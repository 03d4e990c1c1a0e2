import type { RequestHandler } from "express";
import { DriverError } from "../errors.js";
import type { DriverMetrics } from "../metrics/driver-metrics.js";
import { bearerToken, tokenMatches } from "../security/bearer-token.js";

/** `GET /metrics` in the Prometheus text format: open like the health routes, or behind its own token. */
export function metricsRoute(metrics: DriverMetrics, token: string | undefined): RequestHandler {
  return async (req, res) => {
    if (token !== undefined) {
      const presented = bearerToken(req.headers.authorization);
      if (presented === undefined || !tokenMatches(token, presented)) {
        res.setHeader("WWW-Authenticate", 'Bearer realm="elasticache-driver-metrics"');
        throw new DriverError(
          "RES-110",
          presented === undefined ? "missing metrics token" : "invalid metrics token",
          {
            field: "authorization",
            fix: "send `Authorization: Bearer <DRIVER_METRICS_TOKEN>`",
          },
        );
      }
    }
    res.setHeader("Content-Type", metrics.registry.contentType);
    res.end(await metrics.registry.metrics());
  };
}
