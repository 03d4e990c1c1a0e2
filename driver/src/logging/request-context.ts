import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written while serving a request carries, also from deep inside a provisioner. */
export interface RequestContext {
  readonly requestId: string;
}

/** Set by the request logger for the whole life of a request, including the work it starts. */
export const requestContext = new AsyncLocalStorage<RequestContext>();
