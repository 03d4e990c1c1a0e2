import { Router } from "express";
import type { Cache } from "../../cache/cache.js";
import type { StatusBody } from "../api-types.js";
import { readVisits } from "../visit-counter.js";

/** GET /api/status: one PING and one read per call; the page polls it about once a second. */
export function statusRoutes(cache: Cache): Router {
  const router = Router();
  router.get("/api/status", async (_req, res) => {
    const check = await cache.check();
    let visits: number | null = null;
    if (check.ok) {
      visits = await readVisits(cache).catch(() => null);
    }
    const connection = cache.connection();
    const since = connection.since.toISOString();
    const body: StatusBody = {
      endpoint: cache.endpoint,
      client: cache.clientKind() ?? null,
      connection: check.ok
        ? { state: "connected", since }
        : {
            state: connection.status === "connected" ? "disconnected" : connection.status,
            since,
            kind: check.failure.kind,
            reason: check.failure.reason,
          },
      visits,
      latency_ms: check.ok ? check.latencyMs : null,
      checked_at: new Date().toISOString(),
    };
    res.json(body);
  });
  return router;
}
