import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { ActionTable } from "../actions/action.js";
import { accessDeniedMessage } from "../faults/access-denied-message.js";
import type { FaultInjector } from "../faults/fault-injector.js";
import { AwsFault, commonFaults } from "../protocol/aws-fault.js";
import { QueryParams } from "../protocol/query-params.js";
import { checkSigningScope } from "../protocol/sigv4-scope.js";
import { API_VERSION, renderError, renderResult } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { BodyTooLargeError, readBody } from "./read-body.js";

export interface QueryDependencies {
  state: EmulatorState;
  actions: ActionTable;
  faults: FaultInjector;
  logger: Logger;
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
 * faults (AccessDenied, Throttling), then the action itself. Answers XML, errors included.
 */
export async function handleQuery(
  request: IncomingMessage,
  response: ServerResponse,
  { state, actions, faults, logger }: QueryDependencies,
): Promise<void> {
  const requestId = randomUUID();
  let action = "(none)";
  let status = 200;
  let xml: string;
  try {
    const params = await readParams(request);
    const scope = checkSigningScope(request.headers.authorization, state.deps.partition.region);
    action = params.string("Action") ?? "";
    if (action === "") throw commonFaults.missingAction();
    const version = params.string("Version") ?? "";
    const handler = version === API_VERSION && Object.hasOwn(actions, action) ? actions[action] : undefined;
    if (!handler) throw commonFaults.invalidAction(action, version || "(none)");
    const injected = faults.beforeCall(action, () =>
      accessDeniedMessage(state.deps.partition, scope.accessKeyId, action, params),
    );
    if (injected) throw injected;
    xml = renderResult(action, await handler(params, state), requestId);
  } catch (error) {
    const fault = error instanceof AwsFault ? error : commonFaults.internalFailure();
    if (!(error instanceof AwsFault))
      logger.error({ err: error, action, requestId }, "action failed unexpectedly");
    status = fault.status;
    xml = renderError(fault, requestId);
    logger.debug({ action, requestId, code: fault.code, status }, "fault answered");
  }
  response.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": requestId }).end(xml);
  logger.info({ action, status, requestId }, "request");
}
