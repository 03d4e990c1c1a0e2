import { setTimeout as sleep } from "node:timers/promises";
import { type Request, Router } from "express";
import { z } from "zod";
import { DriverError, ValidationError } from "../errors.js";
import { DriverSecretsSchema, type DriverSecrets } from "../inputs/driver-inputs.js";
import { GURESID_MAX_LENGTH, GURESID_PATTERN, RESOURCE_TYPE } from "../inputs/input-data.js";
import { parseInputData } from "../inputs/parse-input-data.js";
import type { Outcome, ResourceLifecycle } from "../lifecycle/resource-lifecycle.js";
import { parseJsonText } from "../inputs/parse-json-text.js";
import { requireJsonContentType, textBody } from "./contract-routes.js";
import { assertNotReserved } from "./reserved-ids.js";

export const SEED_DRIVER_TYPE = "elasticache-driver-kit/redis";
const POLL_INTERVAL_MS = 100;

export interface SeedDeps {
  lifecycle: ResourceLifecycle;
  bodyLimitBytes: number;
  /** How long one request may wait for the resource; the caller retries after that. */
  waitMs: number;
  /** Ids a POST may not create (see reserved-ids.ts). */
  reservedIds: ReadonlySet<string>;
}

const SeedBodySchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  resource_params: z.unknown().optional(),
  driver_params: z.unknown().optional(),
  driver_secrets: z.unknown().optional(),
});

/** The seed spec answers malformed bodies with 422; field names are the seed-era ones. */
function asSeedError(error: unknown): unknown {
  if (!(error instanceof DriverError) || error.code === "RES-104") return error;
  const rename = (text: string) =>
    text.replaceAll("driver.values", "driver_params").replaceAll("driver.secrets", "driver_secrets");
  return new DriverError(
    "RES-115",
    rename(error instanceof ValidationError ? error.publicMessage : error.message),
    {
      ...(error.field ? { field: rename(error.field) } : {}),
    },
  );
}

function decodeHeader(req: Request, name: string): unknown {
  const raw = req.header(name);
  if (raw === undefined || raw === "") return undefined;
  try {
    return JSON.parse(Buffer.from(raw, "base64").toString("utf8"));
  } catch (cause) {
    throw new DriverError("RES-115", "header is not base64-encoded JSON", {
      field: name,
      fix: "send base64(JSON) or omit the header",
      cause,
    });
  }
}

/** Repeats an idempotent step until it settles or the wait is over. */
async function settle(step: () => Promise<Outcome>, waitMs: number): Promise<Outcome> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const outcome = await step();
    if (outcome.kind === "ready" || outcome.kind === "gone" || Date.now() >= deadline) return outcome;
    await sleep(Math.min(POLL_INTERVAL_MS, Math.max(0, deadline - Date.now())));
  }
}

function stillRunning(action: string, outcome: Outcome): DriverError {
  const status = outcome.kind === "in-progress" || outcome.kind === "conflict" ? outcome.hint.status : action;
  return new DriverError("RES-114", `the resource is still ${status}`, {
    fix: "repeat the same request in a minute; a retry never starts a second resource",
  });
}

function checkId(id: string, field: string): void {
  if (id.length > GURESID_MAX_LENGTH || !GURESID_PATTERN.test(id)) {
    throw new DriverError("RES-103", `invalid resource id ${JSON.stringify(id.slice(0, 80))}`, {
      field,
      fix: `use lowercase letters, digits and inner hyphens (${GURESID_PATTERN.source})`,
    });
  }
}

/** What JSON makes of a seed body; the seed spec answers a body that is not JSON with 422. */
function seedJson(text: string | undefined): unknown {
  try {
    return parseJsonText(text);
  } catch (error) {
    throw new DriverError("RES-115", "the body is not valid JSON", {
      field: "body",
      fix: 'send {"id":"...","type":"redis","driver_params":{...},"driver_secrets":{...}}',
      cause: error,
    });
  }
}

/** The 2020 profile: synchronous `POST /` and `DELETE /{id}`, answered within a bounded wait. */
export function seedRoutes({ lifecycle, bodyLimitBytes, waitMs, reservedIds }: SeedDeps): Router {
  const router = Router();

  router.post("/", (req, _res, next) => {
    requireJsonContentType(req);
    next();
  });
  router.post("/", textBody(bodyLimitBytes), async (req, res) => {
    const body = SeedBodySchema.safeParse(seedJson(req.body as string | undefined));
    if (!body.success) {
      throw new DriverError("RES-115", "expected a JSON object with string fields id and type", {
        field: body.error.issues[0]?.path.join(".") || "body",
        fix: 'send {"id":"...","type":"redis","driver_params":{...},"driver_secrets":{...}}',
      });
    }
    const { id, type, resource_params, driver_params, driver_secrets } = body.data;
    checkId(id, "id");
    assertNotReserved(id, "id", reservedIds);
    let input;
    try {
      input = parseInputData({
        type,
        resource: resource_params ?? null,
        driver: { values: driver_params ?? {}, secrets: driver_secrets ?? {} },
      });
    } catch (error) {
      throw asSeedError(error);
    }
    req.log = req.log.child({ guresid: id });
    const outcome = await settle(
      () => lifecycle.put({ id, spec: input.driver.values, secrets: input.driver.secrets }),
      waitMs,
    );
    if (outcome.kind !== "ready") throw stillRunning("creating", outcome);
    res.status(200).json({
      type: RESOURCE_TYPE,
      data: outcome.outputs,
      driver_type: SEED_DRIVER_TYPE,
      driver_data: { config_hash: outcome.configHash },
    });
  });

  router.delete("/:id", async (req, res) => {
    const id = String(req.params.id);
    checkId(id, "path.id");
    req.log = req.log.child({ guresid: id });
    const type = req.header("humanitec-resource-type");
    if (type !== undefined && type !== RESOURCE_TYPE) {
      throw new DriverError("RES-104", `unsupported resource type ${JSON.stringify(type)}`, {
        field: "humanitec-resource-type",
        fix: `this driver serves "${RESOURCE_TYPE}" only`,
      });
    }
    // Only checked: deletion needs nothing from the params, but a caller sending garbage should hear so.
    decodeHeader(req, "humanitec-driver-params");
    const secrets = DriverSecretsSchema.safeParse(decodeHeader(req, "humanitec-driver-secrets") ?? {});
    if (!secrets.success) {
      throw new DriverError("RES-115", "humanitec-driver-secrets does not match the driver secrets schema", {
        field: "humanitec-driver-secrets",
        fix: 'send base64 of {"account":{...}} or omit the header',
      });
    }
    const driverSecrets: DriverSecrets = secrets.data;
    try {
      await lifecycle.get(id, driverSecrets);
    } catch (error) {
      if (error instanceof DriverError && error.code === "RES-109") throw error;
    }
    const outcome = await settle(() => lifecycle.delete(id, driverSecrets), waitMs);
    if (outcome.kind !== "gone") throw stillRunning("deleting", outcome);
    res.status(204).end();
  });

  return router;
}
