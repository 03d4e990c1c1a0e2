import { Router } from "express";
import type { Cache } from "../../cache/cache.js";
import type { HealthBody, ReadyBody } from "../api-types.js";

/** /healthz: the process is alive (always 200). /readyz: the cache answers a PING. */
export function healthRoutes(cache: Cache): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" } satisfies HealthBody);
  });
  router.get("/readyz", async (_req, res) => {
    const check = await cache.check();
    if (check.ok) {
      res.json({ status: "ready", latency_ms: check.latencyMs } satisfies ReadyBody);
      return;
    }
    const { kind, reason } = check.failure;
    res.status(503).json({ status: "unavailable", kind, reason } satisfies ReadyBody);
  });
  return router;
}
