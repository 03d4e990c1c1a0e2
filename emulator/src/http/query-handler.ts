import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { ActionTable } from "../actions/action.js";
import { accessDeniedMessage } from "../faults/access-denied-message.js";
import type { Admission, FaultInjector } from "../faults/fault-injector.js";
import { AwsFault, commonFaults } from "../protocol/aws-fault.js";
import { QueryParams } from "../protocol/query-params.js";
import { checkSigningScope } from "../protocol/sigv4-scope.js";
import { API_VERSION, renderError, renderResult } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { BodyTooLargeError, readBody } from "./read-body.js";
import { requestKeys, type RequestKeys, type RequestLog } from "./request-log.js";

export interface QueryDependencies {
  state: EmulatorState;
  actions: ActionTable;
  faults: FaultInjector;
  logger: Logger;
  requests: RequestLog;
}

const BODY_LIMIT = 1024 * 1024;

async function readParams(request: IncomingMessage): Promise<QueryParams> {
  let body: string;
  try {
    body = await readBody(request, BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new AwsFault(
        "RequestEntityTooLarge",
        413,
        `The request body is larger than ${BODY_LIMIT} bytes.`,
      );
    }
    throw error;
  }
  const query = new URL(request.url ?? "/", "http://localhost").search.slice(1);
  return QueryParams.parse([query, body].filter(Boolean).join("&"));
}

/**
 * One AWS Query request, checked in AWS's order: signature scope, action and version, injected
 * faults (AccessDenied, Throttling, a held call), then the action itself. Answers XML, errors
 * included, and adds the call to the request log.
 */
export async function handleQuery(
  request: IncomingMessage,
  response: ServerResponse,
  { state, actions, faults, logger, requests }: QueryDependencies,
): Promise<void> {
  const requestId = randomUUID();
  const seq = requests.nextSeq();
  const arrived = new Date();
  let action = "(none)";
  let keys: RequestKeys = {};
  let admission: Admission = {};
  let status = 200;
  let outcome = "ok";
  let xml: string;
  try {
    const params = await readParams(request);
    const scope = checkSigningScope(request.headers.authorization, state.deps.partition.region);
    action = params.string("Action") ?? "";
    if (action === "") throw commonFaults.missingAction();
    keys = requestKeys(params);
    const version = params.string("Version") ?? "";
    const handler = version === API_VERSION && Object.hasOwn(actions, action) ? actions[action] : undefined;
    if (!handler) throw commonFaults.invalidAction(action, version || "(none)");
    admission = await faults.admit(
      action,
      () => accessDeniedMessage(state.deps.partition, scope.accessKeyId, action, params),
      keys,
    );
    if (admission.fault) throw admission.fault;
    xml = renderResult(action, await handler(params, state), requestId);
  } catch (error) {
    const fault = error instanceof AwsFault ? error : commonFaults.internalFailure();
    if (!(error instanceof AwsFault))
      logger.error({ err: error, action, requestId }, "action failed unexpectedly");
    status = fault.status;
    outcome = fault.code;
    xml = renderError(fault, requestId);
    logger.debug({ action, requestId, code: fault.code, status }, "fault answered");
  }
  response.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": requestId }).end(xml);
  const { injected, heldMs, releasedBy } = admission;
  requests.add({
    seq,
    at: arrived.toISOString(),
    durationMs: Date.now() - arrived.getTime(),
    requestId,
    action,
    keys,
    status,
    outcome,
    ...(injected !== undefined ? { injected } : {}),
    ...(heldMs !== undefined ? { heldMs } : {}),
    ...(releasedBy !== undefined ? { releasedBy } : {}),
  });
  logger.info({ action, status, requestId }, "request");
}
