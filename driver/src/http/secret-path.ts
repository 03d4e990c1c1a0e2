import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** A first path segment long enough to be a path secret, right or wrong: never logged or echoed. */
const SECRET_LIKE = /^\/[A-Za-z0-9_-]{32,}(?=\/|$)/;

/** `path` with a secret-like first segment replaced, for log lines and error messages. */
export const withoutPathSecret = (path: string): string => path.replace(SECRET_LIKE, "/[secret]");

/**
 * Path mode: a request whose first path segment equals the secret (compared in constant time) is
 * authenticated, and continues with the segment removed from its URL, so routing, logs and
 * errors never see it. Any other request continues unchanged; without another mode that accepts
 * it, it answers as an unknown path does. Called by the app's first layer, before routing.
 */
export function pathSecretCheck(secret: string): (req: Request, res: Response) => void {
  const expected = digest(secret);
  return (req, res) => {
    const match = SECRET_LIKE.exec(req.url);
    if (match && timingSafeEqual(digest(match[0].slice(1)), expected)) {
      const rest = req.url.slice(match[0].length);
      req.url = rest.startsWith("/") ? rest : `/${rest}`;
      req.originalUrl = req.url;
      res.locals.authenticatedBy = "path";
    }
  };
}
