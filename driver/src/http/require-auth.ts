import type { RequestHandler } from "express";
import type { DriverConfig } from "../config/load-config.js";
import { DriverError } from "../errors.js";
import { bearerToken, tokenMatches } from "../security/bearer-token.js";

/** Shared-token authentication of the caller (Humanitec or its operator). */
export function requireAuth(auth: DriverConfig["auth"]): RequestHandler {
  if (auth.kind === "none") return (_req, _res, next) => next();
  return (req, res, next) => {
    const presented = bearerToken(req.headers.authorization);
    if (presented !== undefined && tokenMatches(auth.token, presented)) {
      next();
      return;
    }
    res.setHeader("WWW-Authenticate", 'Bearer realm="elasticache-driver"');
    next(
      new DriverError("RES-110", presented === undefined ? "missing bearer token" : "invalid bearer token", {
        field: "authorization",
        fix: "send the header `Authorization: Bearer <token>` with the token the driver was configured with",
      }),
    );
  };
}
