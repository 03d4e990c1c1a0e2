import express, { Router } from "express";
import type { Cache } from "../../cache/cache.js";
import type { KeyBody } from "../api-types.js";
import { AppError } from "../app-error.js";
import { MAX_VALUE_BYTES, parseValueBody, validateKey } from "../key-rules.js";

/** JSON escapes can make a value up to 6 times longer on the wire than in UTF-8. */
export const BODY_LIMIT_BYTES = 6 * MAX_VALUE_BYTES + 1024;

const storageKey = (key: string) => `kv:${key}`;

export function keyRoutes(cache: Cache): Router {
  const router = Router();

  router.get("/api/keys/:key", async (req, res) => {
    const key = validateKey(req.params.key);
    const value = await cache.get(storageKey(key));
    if (value === null) {
      throw new AppError(
        "APP-104",
        `key: nothing is stored under ${JSON.stringify(key)}; store a value first with PUT /api/keys/${key} and a body like {"value": "hello"}`,
      );
    }
    res.json({ key, value } satisfies KeyBody);
  });

  router.put("/api/keys/:key", express.json({ limit: BODY_LIMIT_BYTES, strict: false }), async (req, res) => {
    const key = validateKey(req.params.key);
    if (!req.is("application/json")) {
      throw new AppError(
        "APP-105",
        `Content-Type: must be application/json, got ${JSON.stringify(req.get("content-type") ?? "none")}; send a JSON object like {"value": "hello"}`,
      );
    }
    const value = parseValueBody(req.body);
    await cache.set(storageKey(key), value);
    res.json({ key, value } satisfies KeyBody);
  });

  return router;
}
