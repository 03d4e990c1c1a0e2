import type { Cache } from "../cache/cache.js";

const VISITS_KEY = "visits";

export async function readVisits(cache: Cache): Promise<number> {
  const raw = await cache.get(VISITS_KEY);
  return raw === null ? 0 : Number.parseInt(raw, 10);
}

export function countVisit(cache: Cache): Promise<number> {
  return cache.incr(VISITS_KEY);
}
