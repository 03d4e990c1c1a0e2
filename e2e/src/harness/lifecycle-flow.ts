import { randomBytes } from "node:crypto";
import type { CacheConsumer, Readiness, StartConsumer } from "./cache-consumer.js";
import { HumanitecCaller, type DriverAnswer } from "./humanitec-caller.js";
import { parseRedisOutputs } from "./parse-redis-outputs.js";
import { pollUntil } from "./poll-until.js";
import type { RedisOutputs } from "./sample-app-process.js";

export interface LifecycleTimeouts {
  /** How long the PUT may keep answering 202, in ms (default 120 000). */
  readonly createMs: number;
  /** How long the DELETE may keep answering 202, in ms (default 120 000). */
  readonly deleteMs: number;
  /** From the consumer's start until it reaches the cache, in ms (default 30 000). */
  readonly connectMs: number;
  /** From the DELETE's 204 until the consumer reports the cache unavailable, in ms (default 30 000). */
  readonly unavailableMs: number;
  /** How long one request to the driver may wait for its answer, in ms (default 10 000). */
  readonly requestMs: number;
}

const DEFAULT_TIMEOUTS: LifecycleTimeouts = {
  createMs: 120_000,
  deleteMs: 120_000,
  connectMs: 30_000,
  unavailableMs: 30_000,
  requestMs: 10_000,
};

/** What the flow is doing, for progress output. Only `created` carries secrets (in `outputs`). */
export type LifecycleStep =
  | { readonly step: "create"; readonly status: number; readonly hint?: unknown }
  | { readonly step: "created"; readonly outputs: RedisOutputs; readonly ms: number }
  | { readonly step: "consumer"; readonly description: string }
  | { readonly step: "consumer-skipped"; readonly reason: string }
  | { readonly step: "connected"; readonly readiness: Readiness; readonly ms: number }
  | { readonly step: "visit"; readonly visits: number }
  | { readonly step: "ready"; readonly readiness: Readiness }
  | { readonly step: "delete"; readonly status: number; readonly hint?: unknown }
  | { readonly step: "deleted"; readonly ms: number }
  | { readonly step: "unavailable"; readonly readiness: Readiness }
  | { readonly step: "cleanup"; readonly problem?: string };

export interface AvailableContext {
  readonly guresid: string;
  readonly outputs: RedisOutputs;
  readonly consumer: CacheConsumer;
  readonly signal: AbortSignal | undefined;
}

export interface LifecycleFlowOptions {
  /** The driver's `target` URL (`{target}{GUResID}` is called). */
  readonly driverUrl: string;
  /** Bearer token for the driver, when it wants one. */
  readonly token?: string | undefined;
  /** `driver.values` of the InputData (default `{}`: the driver's defaults). */
  readonly values?: Readonly<Record<string, unknown>>;
  /** `driver.secrets` of the InputData (default `{}`). */
  readonly secrets?: Readonly<Record<string, unknown>>;
  /** Default: a fresh 40-character hex id, like Humanitec's. */
  readonly guresid?: string;
  /** What uses the cache once it exists. */
  readonly consumer: StartConsumer;
  /** Runs after the visits while the resource still exists, e.g. a look at the consumer's page. */
  readonly whileAvailable?: (context: AvailableContext) => Promise<void>;
  readonly timeouts?: Partial<LifecycleTimeouts>;
  /** Pause between two repeats of the same request, and between two readiness probes, in ms (default 200). */
  readonly pollIntervalMs?: number;
  readonly onStep?: (step: LifecycleStep) => void;
  /** Aborting stops the flow; the resource is still deleted before the flow rejects. */
  readonly signal?: AbortSignal;
}

/** How long each phase took, in ms. */
export interface PhaseTimings {
  /** From the first PUT until it answered 200. */
  readonly createMs: number;
  /** From the consumer's start until it first reached the cache; absent when the consumer was skipped. */
  readonly firstConnectMs: number | undefined;
  /** From the first DELETE until it answered 204. */
  readonly deleteMs: number;
}

export interface LifecycleObservation {
  readonly guresid: string;
  /** Every PUT status, e.g. `[202, 202, 200]`, and the 202 bodies (AsyncProgressHint). */
  readonly create: { readonly statuses: readonly number[]; readonly hints: readonly unknown[] };
  readonly outputs: RedisOutputs;
  /** The consumer's description, or why none ran. */
  readonly consumer: string | { readonly skipped: string };
  /** The count after each of the two visits. */
  readonly visits: readonly number[];
  /** Readiness just before the DELETE. */
  readonly readyBeforeDelete: Readiness | undefined;
  /** Every DELETE status, e.g. `[202, 204]`. */
  readonly delete: { readonly statuses: readonly number[] };
  /** The first readiness after the DELETE that was not ready. */
  readonly readyAfterDelete: Readiness | undefined;
  readonly timings: PhaseTimings;
}

/**
 * One resource's life as Humanitec and a workload see it: PUT until 200, a consumer started from
 * the outputs reaches the cache and counts two visits, DELETE until 204, and the consumer then
 * reports the cache unavailable. Whatever the flow started is stopped and the resource deleted
 * also when a step fails or the signal aborts.
 */
export async function runLifecycleFlow(options: LifecycleFlowOptions): Promise<LifecycleObservation> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const intervalMs = options.pollIntervalMs ?? 200;
  const { signal } = options;
  const guresid = options.guresid ?? randomBytes(20).toString("hex");
  const step = options.onStep ?? (() => {});
  const caller = new HumanitecCaller({
    driverUrl: options.driverUrl,
    token: options.token,
    requestTimeoutMs: timeouts.requestMs,
  });
  const inputData = {
    type: "redis",
    driver: { values: options.values ?? {}, secrets: options.secrets ?? {} },
  };

  const repeat = async (
    method: "PUT" | "DELETE",
    send: (signal: AbortSignal | undefined) => Promise<DriverAnswer>,
    inProgress: (answer: DriverAnswer) => boolean,
    timeoutMs: number,
    onAnswer: (answer: DriverAnswer) => void,
    repeatSignal: AbortSignal | undefined,
  ) =>
    pollUntil(
      async (s) => {
        const answer = await send(s);
        onAnswer(answer);
        return answer;
      },
      (answer) => !inProgress(answer),
      {
        timeoutMs,
        intervalMs,
        signal: repeatSignal,
        what: `${method} ${guresid} to finish`,
        describe: (answer) => `${answer.status} ${answer.text}`,
      },
    );
  const is202 = (answer: DriverAnswer) => answer.status === 202;
  const hintOf = (answer: DriverAnswer) => (answer.status === 202 ? { hint: answer.body } : {});

  const deleteResource = async () => {
    const started = performance.now();
    const polled = await repeat(
      "DELETE",
      (s) => caller.delete(guresid, s),
      is202,
      timeouts.deleteMs,
      (answer) => step({ step: "delete", status: answer.status, ...hintOf(answer) }),
      signal,
    );
    expectStatus("DELETE", guresid, polled.value, 204);
    const ms = performance.now() - started;
    step({ step: "deleted", ms });
    return { statuses: polled.values.map((answer) => answer.status), ms };
  };

  let mayExist = false;
  try {
    mayExist = true;
    const createStarted = performance.now();
    const created = await repeat(
      "PUT",
      (s) => caller.put(guresid, inputData, s),
      is202,
      timeouts.createMs,
      (answer) => step({ step: "create", status: answer.status, ...hintOf(answer) }),
      signal,
    );
    expectStatus("PUT", guresid, created.value, 200);
    const createMs = performance.now() - createStarted;
    const outputs = parseRedisOutputs(created.value.body, guresid);
    step({ step: "created", outputs, ms: createMs });
    const create = {
      statuses: created.values.map((answer) => answer.status),
      hints: created.values.filter(is202).map((answer) => answer.body),
    };

    const consumerStarted = performance.now();
    const started = await options.consumer(outputs, signal);
    if ("skipped" in started) {
      step({ step: "consumer-skipped", reason: started.skipped });
      const deleted = await deleteResource();
      mayExist = false;
      return {
        guresid,
        create,
        outputs,
        consumer: started,
        visits: [],
        readyBeforeDelete: undefined,
        delete: { statuses: deleted.statuses },
        readyAfterDelete: undefined,
        timings: { createMs, firstConnectMs: undefined, deleteMs: deleted.ms },
      };
    }
    await using consumer = started;
    step({ step: "consumer", description: consumer.description });
    const readiness = (s: AbortSignal | undefined) => consumer.readiness(s);
    const describeReadiness = (r: Readiness) => JSON.stringify(r.body ?? r.reason ?? r.ready);
    const connected = await pollUntil(readiness, (r) => r.ready, {
      timeoutMs: timeouts.connectMs,
      intervalMs,
      signal,
      what: `the ${consumer.description} to reach the cache`,
      describe: describeReadiness,
    });
    const firstConnectMs = performance.now() - consumerStarted;
    step({ step: "connected", readiness: connected.value, ms: firstConnectMs });

    const visits: number[] = [];
    for (let i = 0; i < 2; i++) {
      visits.push(await consumer.visit(signal));
      step({ step: "visit", visits: visits.at(-1) ?? Number.NaN });
    }
    const readyBeforeDelete = await consumer.readiness(signal);
    step({ step: "ready", readiness: readyBeforeDelete });
    await options.whileAvailable?.({ guresid, outputs, consumer, signal });

    const deleted = await deleteResource();
    mayExist = false;
    const gone = await pollUntil(readiness, (r) => !r.ready, {
      timeoutMs: timeouts.unavailableMs,
      intervalMs,
      signal,
      what: `the ${consumer.description} to report the deleted cache unavailable`,
      describe: describeReadiness,
    });
    step({ step: "unavailable", readiness: gone.value });
    return {
      guresid,
      create,
      outputs,
      consumer: consumer.description,
      visits,
      readyBeforeDelete,
      delete: { statuses: deleted.statuses },
      readyAfterDelete: gone.value,
      timings: { createMs, firstConnectMs, deleteMs: deleted.ms },
    };
  } catch (error) {
    if (!mayExist) throw error;
    // A fresh bound rather than the caller's signal: after a Ctrl-C the resource must still go.
    const problem = await repeat(
      "DELETE",
      (s) => caller.delete(guresid, s),
      (answer) => answer.status === 202 || answer.status === 409,
      timeouts.deleteMs,
      () => {},
      undefined,
    ).then(
      (polled) =>
        polled.value.status === 204
          ? undefined
          : `DELETE answered ${polled.value.status}: ${polled.value.text}`,
      (cleanupError: unknown) =>
        cleanupError instanceof Error ? cleanupError.message : String(cleanupError),
    );
    step({ step: "cleanup", ...(problem === undefined ? {} : { problem }) });
    if (problem === undefined) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n(and ${guresid} may still exist: ${problem})`, { cause: error });
  }
}

function expectStatus(method: string, guresid: string, answer: DriverAnswer, expected: number): void {
  if (answer.status === expected) return;
  throw new Error(`${method} ${guresid} answered ${answer.status}, expected ${expected}: ${answer.text}`);
}
