import type { Request, RequestHandler } from "express";
import proxyAddr from "proxy-addr";
import type { AuthConfig } from "../config/auth-settings.js";
import { DriverError } from "../errors.js";
import { bearerToken, tokenMatches } from "../security/bearer-token.js";
import { verifyOperatorJwt } from "../security/operator-jwt.js";
import { noRoute } from "./no-route.js";
import { withoutPathSecret } from "./secret-path.js";

/** Three dot-separated base64url parts: what a JWT looks like (a shared token never does). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Caller authentication: a request passes when one configured mode accepts it (path mode marks
 * it in `pathSecretCheck`). A rejection is logged once with every mode's reason, never a secret, and
 * answered 401 — or, when the secret path is the only mode, exactly as an unknown path.
 */
export function requireAuth(auth: AuthConfig, basePath: string): RequestHandler {
  if (auth.modes.size === 0) return (_req, _res, next) => next();
  const allowed = auth.sources ? proxyAddr.compile([...auth.sources]) : undefined;
  const onlyPath = auth.modes.size === 1 && auth.modes.has("path");

  const reasons = async (req: Request): Promise<string[]> => {
    const found: string[] = [];
    const presented = bearerToken(req.headers.authorization);
    if (auth.modes.has("path")) found.push("path: no secret path segment");
    if (auth.jwt) {
      if (presented === undefined || !JWT_SHAPE.test(presented)) found.push("jwt: no bearer JWT");
      else {
        const verdict = await verifyOperatorJwt(presented, auth.jwt);
        if (verdict.ok) return [];
        found.push(`jwt: ${verdict.reason}`);
      }
    }
    if (auth.token !== undefined) {
      if (presented === undefined) found.push("token: missing bearer token");
      else if (tokenMatches(auth.token, presented)) return [];
      else found.push("token: invalid bearer token");
    }
    if (allowed) {
      const address = req.ip ?? "";
      if (allowed(address, 0)) return [];
      found.push(`source: ${address || "unknown address"} is not allowed`);
    }
    return found;
  };

  return (req, res, next) => {
    if (res.locals.authenticatedBy === "path") {
      next();
      return;
    }
    reasons(req).then((found) => {
      if (found.length === 0) {
        next();
        return;
      }
      if (onlyPath) {
        next(noRoute(req, basePath, withoutPathSecret));
        return;
      }
      res.setHeader("WWW-Authenticate", 'Bearer realm="elasticache-driver"');
      next(
        new DriverError("RES-110", `no accepted credentials (${found.join("; ")})`, {
          field: "authorization",
          fix: `authenticate with one of the driver's modes: ${[...auth.modes].join(", ")}`,
        }),
      );
    }, next);
  };
}
