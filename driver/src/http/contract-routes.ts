import express, { type Request, type RequestHandler, type Response, Router } from "express";
import { DriverError } from "../errors.js";
import { GURESID_MAX_LENGTH, GURESID_PATTERN, RESOURCE_TYPE } from "../inputs/input-data.js";
import type { DriverSecrets } from "../inputs/driver-inputs.js";
import { parseInputData } from "../inputs/parse-input-data.js";
import { assertNotReserved } from "./reserved-ids.js";
import type { Outcome, ResourceLifecycle } from "../lifecycle/resource-lifecycle.js";
import type { CookieCodec, CookieReading } from "../security/cookie-codec.js";

export const COOKIE_REQUEST_HEADER = "humanitec-driver-cookie";
export const COOKIE_RESPONSE_HEADER = "Set-Humanitec-Driver-Cookie";

export interface ContractDeps {
  lifecycle: ResourceLifecycle;
  cookies: CookieCodec;
  bodyLimitBytes: number;
  /** Ids a PUT may not create (see reserved-ids.ts). */
  reservedIds: ReadonlySet<string>;
}

/** The GUResID of the path, or a 400 naming the rule. */
export function guresidOf(req: Request): string {
  const id = String(req.params.guresid ?? "");
  if (id.length > GURESID_MAX_LENGTH || !GURESID_PATTERN.test(id)) {
    throw new DriverError("RES-103", `invalid resource id ${JSON.stringify(id.slice(0, 80))}`, {
      field: "path.guresid",
      fix: `use lowercase letters, digits and inner hyphens (${GURESID_PATTERN.source}), at most ${GURESID_MAX_LENGTH} characters`,
    });
  }
  if (req.res) req.res.locals.guresid = id;
  return id;
}

export function jsonBody(limitBytes: number): RequestHandler {
  return express.json({ limit: limitBytes, strict: false, type: ["application/json", "application/*+json"] });
}

/** 415 for a body that is not JSON; a missing body is left to InputData validation. */
export function requireJsonContentType(req: Request): void {
  if (req.is(["application/json", "application/*+json"]) === false) {
    throw new DriverError(
      "RES-105",
      `unsupported content type ${JSON.stringify(req.headers["content-type"] ?? "")}`,
      {
        field: "content-type",
        fix: "send the header `Content-Type: application/json`",
      },
    );
  }
}

function methodNotAllowed(allow: string) {
  return (_req: Request, res: Response) => {
    res.setHeader("Allow", allow);
    throw new DriverError("RES-113", "method not allowed", {
      field: "method",
      fix: `use ${allow.split(", ").join(" or ")} on /{guresid}`,
    });
  };
}

function sameAccount(a: DriverSecrets["account"], b: DriverSecrets["account"]): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.aws_access_key_id === b.aws_access_key_id &&
    a.aws_secret_access_key === b.aws_secret_access_key &&
    a.aws_session_token === b.aws_session_token &&
    a.role_arn === b.role_arn
  );
}

/** Routes of Driver API 0.9: PUT/GET/DELETE /{guresid}. */
export function contractRoutes({ lifecycle, cookies, bodyLimitBytes, reservedIds }: ContractDeps): Router {
  const router = Router();
  const parseJson = jsonBody(bodyLimitBytes);

  const readCookie = (req: Request, id: string) => {
    const reading = cookies.open(id, req.header(COOKIE_REQUEST_HEADER));
    if (reading.kind === "rejected")
      req.log.warn({ guresid: id, reason: reading.reason }, "ignoring driver cookie");
    return reading;
  };

  /**
   * The cookie to answer a PUT with: the caller's own when it still says the same, else a new one
   * carrying the config hash, the status and the account of this PUT, sealed.
   */
  const cookieFor = (
    req: Request,
    id: string,
    outcome: Exclude<Outcome, { kind: "gone" }>,
    reading: CookieReading,
    account: DriverSecrets["account"],
  ) => {
    const status = outcome.kind === "ready" ? ("available" as const) : outcome.hint.status;
    if (
      reading.kind === "valid" &&
      reading.payload.h === outcome.configHash &&
      reading.payload.s === status &&
      sameAccount(reading.payload.a, account)
    ) {
      return req.header(COOKIE_REQUEST_HEADER) ?? "";
    }
    return cookies.seal(id, {
      v: 1,
      h: outcome.configHash,
      s: status,
      t: Math.floor(Date.now() / 1000),
      ...(account ? { a: account } : {}),
    });
  };

  /** GET and DELETE carry no body: the account comes from the cookie a PUT set, else none (ambient). */
  const secretsFrom = (reading: CookieReading): DriverSecrets =>
    reading.kind === "valid" && reading.payload.a ? { account: reading.payload.a } : {};

  const send = (
    req: Request,
    res: Response,
    id: string,
    outcome: Outcome,
    put?: { reading: CookieReading; account: DriverSecrets["account"] },
  ) => {
    if (outcome.kind === "gone") {
      res.status(204).end();
      return;
    }
    if (put) res.setHeader(COOKIE_RESPONSE_HEADER, cookieFor(req, id, outcome, put.reading, put.account));
    if (outcome.kind === "ready") {
      res.status(200).json({ id, type: RESOURCE_TYPE, resource: outcome.outputs, manifests: [] });
    } else {
      res.status(outcome.kind === "conflict" ? 409 : 202).json(outcome.hint);
    }
  };

  // The id and the content type are checked before the body is read, so their errors come first.
  router.put("/:guresid", (req, res, next) => {
    res.locals.guresid = guresidOf(req);
    assertNotReserved(res.locals.guresid as string, "path.guresid", reservedIds);
    requireJsonContentType(req);
    next();
  });
  router.put("/:guresid", parseJson, async (req, res) => {
    const id = res.locals.guresid as string;
    // body-parser turns an empty body into {}; report it as missing instead.
    const input = parseInputData(req.headers["content-length"] === "0" ? undefined : req.body);
    const reading = readCookie(req, id);
    const { values, secrets } = input.driver;
    const outcome = await lifecycle.put({ id, spec: values, secrets });
    send(req, res, id, outcome, { reading, account: secrets.account });
  });

  router.get("/:guresid", async (req, res) => {
    const id = guresidOf(req);
    send(req, res, id, await lifecycle.get(id, secretsFrom(readCookie(req, id))));
  });

  router.delete("/:guresid", async (req, res) => {
    const id = guresidOf(req);
    send(req, res, id, await lifecycle.delete(id, secretsFrom(readCookie(req, id))));
  });

  router.all("/:guresid", methodNotAllowed("PUT, GET, DELETE"));
  router.all("/", methodNotAllowed("PUT, GET, DELETE"));
  return router;
}
