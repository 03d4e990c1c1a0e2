import type { RedisOutputs } from "./sample-app-process.js";

/** Whether a consumer can use the cache right now, and why not. */
export interface Readiness {
  readonly ready: boolean;
  /** The HTTP status of the app's `/readyz`, when the consumer is a web app. */
  readonly status?: number;
  /** The app's `/readyz` body, when the consumer is a web app. */
  readonly body?: unknown;
  /** Why the cache cannot be used (the app's `reason`, or the client's error). */
  readonly reason?: string;
}

/** Something that uses a cache only through a resource's outputs, as a workload would. */
export interface CacheConsumer extends AsyncDisposable {
  /** For people: "sample app at http://127.0.0.1:41234". */
  readonly description: string;
  /** The base URL of the consumer's web page, when it has one. */
  readonly url?: string;
  readiness(signal?: AbortSignal): Promise<Readiness>;
  /** Counts one visit in the cache; resolves with the new count. */
  visit(signal?: AbortSignal): Promise<number>;
  close(): Promise<void>;
}

/** A consumer could not be started for a reason that says nothing about the driver. */
export interface ConsumerSkipped {
  readonly skipped: string;
}

/** Starts a consumer of the given outputs, or says why none can run from here. */
export type StartConsumer = (
  outputs: RedisOutputs,
  signal: AbortSignal | undefined,
) => Promise<CacheConsumer | ConsumerSkipped>;
