import { parse as parseContentType } from "content-type";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import { DriverError } from "../errors.js";
import { GURESID_MAX_LENGTH, GURESID_PATTERN, RESOURCE_TYPE } from "../inputs/input-data.js";
import type { DriverSecrets } from "../inputs/driver-inputs.js";
import { InputDataCache } from "../inputs/input-data-cache.js";
import { assertNotReserved } from "./reserved-ids.js";
import type { LastAnswer, Outcome, ResourceLifecycle } from "../lifecycle/resource-lifecycle.js";
import {
  MAX_CA_LENGTH,
  type CookieCodec,
  type CookiePayload,
  type CookieReading,
} from "../security/cookie-codec.js";
import { unsupportedBodyEncoding } from "./unsupported-body-encoding.js";

export const COOKIE_REQUEST_HEADER = "humanitec-driver-cookie";
export const COOKIE_RESPONSE_HEADER = "Set-Humanitec-Driver-Cookie";

export interface ContractDeps {
  lifecycle: ResourceLifecycle;
  cookies: CookieCodec;
  bodyLimitBytes: number;
  /** Ids a PUT may not create (see reserved-ids.ts). */
  reservedIds: ReadonlySet<string>;
  /** Where resources live: "/" or a base path such as "/redis". */
  basePath: string;
  /** What runs before every contract route (route label, caller authentication). */
  guards: RequestHandler[];
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

/**
 * Reads a body as text: decoded by its charset, inflated by its Content-Encoding, within the limit.
 * JSON is parsed by whoever needs it, so that a repeated poll body can be looked up by its text
 * without being parsed again. Routes run `requireJsonContentType` first: its 415 comes before the
 * body is read, and the media type is not checked a second time here.
 */
export function textBody(limitBytes: number): RequestHandler {
  return express.text({ limit: limitBytes, type: () => true, defaultCharset: "utf-8" });
}

/**
 * Runs `use` on an outcome now when the lifecycle had it at hand, else once it settles; a failure
 * goes to Express's error handling either way (a synchronous throw through the router itself).
 */
function whenSettled(
  outcome: Outcome | Promise<Outcome>,
  fail: (error: unknown) => void,
  use: (outcome: Outcome) => void,
): void {
  if (outcome instanceof Promise) outcome.then(use).catch(fail);
  else use(outcome);
}

/** What every caller we know of sends: no need to parse it. */
const PLAIN_JSON = new Set(["application/json", "application/json; charset=utf-8"]);

/** The charset a Content-Type names, lowercased; undefined for none or a header that does not parse. */
function charsetOf(header: string): string | undefined {
  try {
    return parseContentType(header).parameters.charset?.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * 415 for a body that is not JSON, or JSON in a charset other than a UTF (RFC 8259: JSON is
 * UTF-8); a missing body is left to InputData validation.
 */
export function requireJsonContentType(req: Request): void {
  const header = req.headers["content-type"];
  if (header !== undefined && PLAIN_JSON.has(header)) return;
  const charset = header === undefined ? undefined : charsetOf(header);
  if (charset !== undefined && !charset.startsWith("utf-")) throw unsupportedBodyEncoding();
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

const fitsCookie = (outcome: Extract<Outcome, { kind: "ready" }>) =>
  (outcome.endpoint.caCertificate?.length ?? 0) <= MAX_CA_LENGTH;

/** The endpoint part of a ready answer's cookie: nothing secret, the password only by its generation. */
function readyEndpoint(outcome: Extract<Outcome, { kind: "ready" }>): NonNullable<CookiePayload["e"]> {
  const { host, port, tls, username, caCertificate, values } = outcome.endpoint;
  return {
    host,
    port,
    tls,
    username,
    ...(caCertificate ? { ca: caCertificate } : {}),
    ...(values ? { values } : {}),
    g: outcome.authGeneration,
  };
}

function lastAnswer(payload: CookiePayload): LastAnswer {
  const e = payload.e;
  return {
    configHash: payload.h,
    status: payload.s,
    ready:
      payload.s === "available" && e
        ? {
            endpoint: {
              host: e.host,
              port: e.port,
              tls: e.tls,
              username: e.username,
              ...(e.ca ? { caCertificate: e.ca } : {}),
              ...(e.values ? { values: e.values } : {}),
            },
            authGeneration: e.g,
          }
        : undefined,
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

/**
 * Routes of Driver API 0.9: PUT/GET/DELETE {basePath}/{guresid}, added to `router` itself rather
 * than mounted as a router of their own: every poll would pay for the second router's walk.
 */
export function addContractRoutes(
  router: Router,
  { lifecycle, cookies, bodyLimitBytes, reservedIds, basePath, guards }: ContractDeps,
): void {
  const prefix = basePath === "/" ? "" : basePath;
  const resource = `${prefix}/:guresid`;
  const readBody = textBody(bodyLimitBytes);
  const inputs = new InputDataCache();
  /** A ready answer's body, serialised once per answer the lifecycle gives (polls repeat it). */
  const readyBodies = new WeakMap<Outcome, string>();

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
      (outcome.kind !== "ready" || reading.payload.e !== undefined || !fitsCookie(outcome)) &&
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
      ...(outcome.kind === "ready" && fitsCookie(outcome) ? { e: readyEndpoint(outcome) } : {}),
    });
  };

  /** What the cookie says was answered last: the lifecycle's answer while the backend throttles. */
  const lastAnswers = new WeakMap<CookiePayload, LastAnswer>();
  const lastAnswerOf = (reading: CookieReading): LastAnswer | undefined => {
    if (reading.kind !== "valid") return undefined;
    let last = lastAnswers.get(reading.payload);
    if (last === undefined) {
      last = lastAnswer(reading.payload);
      lastAnswers.set(reading.payload, last);
    }
    return last;
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
      let body = readyBodies.get(outcome);
      if (body === undefined) {
        body = JSON.stringify({ id, type: RESOURCE_TYPE, resource: outcome.outputs, manifests: [] });
        readyBodies.set(outcome, body);
      }
      res.status(200).setHeader("Content-Type", "application/json; charset=utf-8");
      res.end(body);
    } else {
      res.status(outcome.kind === "conflict" ? 409 : 202).json(outcome.hint);
    }
  };

  // One route for every method: each poll then matches the path once (a route per method would
  // match it again for each route before its own).
  router
    .route(resource)
    .all(...guards)
    // The id and the content type are checked before the body is read, so their errors come first.
    .put(
      (req, res, next) => {
        res.locals.guresid = guresidOf(req);
        assertNotReserved(res.locals.guresid as string, "path.guresid", reservedIds);
        requireJsonContentType(req);
        next();
      },
      readBody,
      (req, res, next) => {
        const id = res.locals.guresid as string;
        const input = inputs.parse(req.body as string | undefined);
        const reading = readCookie(req, id);
        const { values, secrets } = input.driver;
        const put = { reading, account: secrets.account };
        const last = lastAnswerOf(reading);
        whenSettled(lifecycle.answerPut({ id, spec: values, secrets }, last), next, (outcome) => {
          send(req, res, id, outcome, put);
        });
      },
    )
    .get((req, res, next) => {
      const id = guresidOf(req);
      const reading = readCookie(req, id);
      whenSettled(lifecycle.answerGet(id, secretsFrom(reading), lastAnswerOf(reading)), next, (outcome) => {
        send(req, res, id, outcome);
      });
    })
    .delete(async (req, res) => {
      const id = guresidOf(req);
      const reading = readCookie(req, id);
      send(req, res, id, await lifecycle.delete(id, secretsFrom(reading), lastAnswerOf(reading)));
    })
    .all(methodNotAllowed("PUT, GET, DELETE"));
  router.all(prefix || "/", ...guards, methodNotAllowed("PUT, GET, DELETE"));
}
