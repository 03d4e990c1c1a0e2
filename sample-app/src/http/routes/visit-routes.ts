import { Router } from "express";
import type { Cache } from "../../cache/cache.js";
import type { VisitsBody } from "../api-types.js";
import { countVisit, readVisits } from "../visit-counter.js";

export function visitRoutes(cache: Cache): Router {
  const router = Router();
  router.get("/api/visits", async (_req, res) => {
    res.json({ visits: await readVisits(cache) } satisfies VisitsBody);
  });
  router.post("/api/visits", async (_req, res) => {
    res.json({ visits: await countVisit(cache) } satisfies VisitsBody);
  });
  return router;
}
