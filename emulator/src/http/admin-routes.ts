import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { FaultInjector } from "../faults/fault-injector.js";
import { NO_FAULTS, parseFaultSettings } from "../faults/fault-settings.js";
import { readBody } from "./read-body.js";
import type { RequestLog } from "./request-log.js";

/** The admin routes live under a prefix no AWS SDK request ever uses. */
export const ADMIN_PREFIX = "/_emulator/";

export interface AdminDependencies {
  faults: FaultInjector;
  requests: RequestLog;
  caPem: string;
  health: () => Record<string, unknown>;
  /** Runs a maintenance window now; the ids of the replication groups it changes. */
  maintenance: () => string[];
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response
    .writeHead(status, { "content-type": "application/json" })
    .end(`${JSON.stringify(body, null, 2)}\n`);
}

/** A JSON object body (empty means `{}`), or the problem with it. */
async function readJsonObject(
  request: IncomingMessage,
  example: string,
): Promise<{ body: unknown } | { problem: string }> {
  try {
    const body: unknown = JSON.parse((await readBody(request, 64 * 1024)) || "{}");
    if (typeof body === "object" && body !== null && !Array.isArray(body)) return { body };
  } catch {
    // answered below
  }
  return { problem: `(body): must be a JSON object, e.g. ${example}` };
}

/** A non-negative integer query parameter, or the problem with it. */
function queryInt(url: URL, name: string): { value: number | undefined } | { problem: string } {
  const raw = url.searchParams.get(name);
  if (raw === null) return { value: undefined };
  return /^\d{1,15}$/.test(raw)
    ? { value: Number(raw) }
    : {
        problem: `${name}: must be a non-negative integer (a request's seq), not ${JSON.stringify(raw.slice(0, 40))}`,
      };
}

const ROUTES =
  "GET ca.pem, GET health, POST maintenance, GET|PUT|DELETE faults, GET|DELETE requests, GET held, POST held/release";

/**
 * `GET ca.pem` (the CA that signs every engine's certificate), `GET|PUT|DELETE faults` (the
 * fault settings; PUT replaces them all), `GET health`, `POST maintenance` (a maintenance window
 * now: changes requested with ApplyImmediately=false are applied), `GET|DELETE requests` (the
 * request log; `?action=` and `?since=<seq>` filter it), `GET held` (calls held by
 * `pauseActions`) and `POST held/release` (lets them run: `{"action": …}` or `{"id": …}`, else all;
 * with `"throttle": true` they are answered Throttling instead and never run).
 */
export async function handleAdmin(
  request: IncomingMessage,
  response: ServerResponse,
  deps: AdminDependencies,
): Promise<void> {
  const route = `${request.method ?? "GET"} ${new URL(request.url ?? "/", "http://localhost").pathname.slice(ADMIN_PREFIX.length)}`;
  switch (route) {
    case "GET ca.pem":
      response.writeHead(200, { "content-type": "application/x-pem-file" }).end(deps.caPem);
      return;
    case "GET health":
      json(response, 200, deps.health());
      return;
    case "POST maintenance":
      json(response, 200, { applied: deps.maintenance() });
      return;
    case "GET faults":
      json(response, 200, deps.faults.settings);
      return;
    case "DELETE faults":
      deps.faults.set(NO_FAULTS);
      json(response, 200, deps.faults.settings);
      return;
    case "PUT faults": {
      const read = await readJsonObject(request, '{"throttleEvery": 3}');
      if ("problem" in read) {
        json(response, 400, { problems: [read.problem] });
        return;
      }
      const parsed = parseFaultSettings(read.body);
      if ("problems" in parsed) {
        json(response, 400, parsed);
        return;
      }
      deps.faults.set(parsed.settings);
      json(response, 200, deps.faults.settings);
      return;
    }
    case "GET requests": {
      const url = new URL(request.url ?? "/", "http://localhost");
      const since = queryInt(url, "since");
      if ("problem" in since) {
        json(response, 400, { problems: [since.problem] });
        return;
      }
      const action = url.searchParams.get("action") ?? undefined;
      json(response, 200, { requests: deps.requests.list({ action, since: since.value }) });
      return;
    }
    case "DELETE requests":
      deps.requests.clear();
      json(response, 200, { requests: [] });
      return;
    case "GET held":
      json(response, 200, { held: deps.faults.held() });
      return;
    case "POST held/release": {
      const read = await readJsonObject(request, '{"action": "ModifyUser"}');
      if ("problem" in read) {
        json(response, 400, { problems: [read.problem] });
        return;
      }
      const filter = ReleaseFilterSchema.safeParse(read.body);
      if (!filter.success) {
        json(response, 400, {
          problems: filter.error.issues.map(
            (issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`,
          ),
        });
        return;
      }
      json(response, 200, { released: deps.faults.release(filter.data) });
      return;
    }
    default:
      json(response, 404, {
        problems: [`${route}: no such admin route; use ${ROUTES} under ${ADMIN_PREFIX}`],
      });
  }
}

/** Which held calls `POST held/release` lets run; none given: all. */
const ReleaseFilterSchema = z
  .object({
    action: z.string().min(1).max(100).optional(),
    id: z.int().min(1).optional(),
    throttle: z.boolean().optional(),
  })
  .strict();
