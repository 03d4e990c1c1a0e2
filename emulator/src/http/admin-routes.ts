import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultInjector } from "../faults/fault-injector.js";
import { NO_FAULTS, parseFaultSettings } from "../faults/fault-settings.js";
import { readBody } from "./read-body.js";

/** The admin routes live under a prefix no AWS SDK request ever uses. */
export const ADMIN_PREFIX = "/_emulator/";

export interface AdminDependencies {
  faults: FaultInjector;
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

/**
 * `GET ca.pem` (the CA that signs every engine's certificate), `GET|PUT|DELETE faults` (the
 * fault settings; PUT replaces them all), `GET health`, `POST maintenance` (a maintenance window
 * now: changes requested with ApplyImmediately=false are applied).
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
      let body: unknown;
      try {
        body = JSON.parse((await readBody(request, 64 * 1024)) || "{}");
      } catch {
        json(response, 400, { problems: ['(body): must be a JSON object, e.g. {"throttleEvery": 3}'] });
        return;
      }
      const parsed = parseFaultSettings(body);
      if ("problems" in parsed) {
        json(response, 400, parsed);
        return;
      }
      deps.faults.set(parsed.settings);
      json(response, 200, deps.faults.settings);
      return;
    }
    default:
      json(response, 404, {
        problems: [
          `${route}: no such admin route; use GET ca.pem, GET health, POST maintenance, or GET|PUT|DELETE faults under ${ADMIN_PREFIX}`,
        ],
      });
  }
}
