import type { Logger } from "pino";
import { DriverError, ValidationError } from "../errors.js";
import type { DriverInputs, DriverSecrets } from "../inputs/driver-inputs.js";
import { LRUCache } from "lru-cache";
import type {
  Endpoint,
  Operation,
  Provisioner,
  ResourceState,
  ResourceStatus,
} from "../provisioners/provisioner.js";
import type { BackendCall, BackendOutcome, DriverMetrics } from "../metrics/driver-metrics.js";
import { isProvisionerError, ProvisionerError } from "../provisioners/provisioner-errors.js";
import type { SecretDeriver } from "../security/secret-deriver.js";
import { changedFields, configHash } from "./config-hash.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { buildOutputs, type ResourceOutputs } from "./outputs.js";
import { progressHint, type ProgressHint } from "./progress-hint.js";
import { toDriverError } from "./provisioner-failure.js";
import { StatusCache } from "./status-cache.js";

/** What the HTTP layer turns into a status code. Errors are thrown as DriverError. */
export type Outcome =
  | {
      kind: "ready";
      outputs: ResourceOutputs;
      configHash: string;
      /** Where the resource is and which password generation the outputs carry (for the cookie). */
      endpoint: Endpoint;
      authGeneration: number;
    }
  | { kind: "in-progress"; hint: ProgressHint; configHash: string }
  | { kind: "conflict"; hint: ProgressHint; configHash: string }
  | { kind: "gone" };

/**
 * What the driver answered last for a resource, as the caller brings it back (Humanitec's sealed
 * cookie). Only a hint: it answers when the backend throttles a lookup and this replica has never
 * seen the resource (it restarted, or another replica answered so far).
 */
export interface LastAnswer {
  configHash: string;
  status: "creating" | "updating" | "deleting" | "available";
  /** With `available`: the endpoint handed out and the generation of its password. */
  ready?: { endpoint: Endpoint; authGeneration: number } | undefined;
}

export interface DesiredResource {
  id: string;
  spec: DriverInputs;
  secrets: DriverSecrets;
}

export interface LifecycleOptions {
  provisioner: Provisioner;
  secrets: SecretDeriver;
  logger: Logger;
  /** How long one status lookup answers every poll of a resource. */
  statusCacheMs: number;
  /** The deadline promised in progress hints, counted from the start of an operation. */
  operationTimeoutMs: number;
  /** How many resources the status cache remembers at most. Default 10 000. */
  statusCacheEntries?: number;
  /** Where backend calls, cache lookups and operation durations are counted. */
  metrics?: DriverMetrics;
  now?: () => Date;
}

type InProgress = Extract<ResourceState, { since: Date }>;
const OPERATION_OF = { creating: "create", updating: "update", deleting: "delete" } as const;

/**
 * The contract's state machine, backend-agnostic: compares the desired inputs with what exists and
 * decides create / wait / update / conflict / delete. Mutations of one resource are serialised;
 * status polls that change nothing take no lock and share lookups. Typed provisioner failures
 * become DriverErrors here; a throttled backend never turns a known state into a 5xx.
 */
export class ResourceLifecycle {
  readonly #provisioner: Provisioner;
  readonly #secrets: SecretDeriver;
  readonly #logger: Logger;
  readonly #timeoutMs: number;
  readonly #now: () => Date;
  readonly #locks = new KeyedMutex();
  readonly #status: StatusCache<ResourceState>;
  readonly #metrics: DriverMetrics | undefined;
  readonly #readyAnswers = new WeakMap<ResourceState, Outcome>();
  /** Operations started by this driver and not yet seen finished, for their durations. */
  readonly #started: LRUCache<string, { operation: Operation; at: number; hash: string; spec: DriverInputs }>;

  constructor(options: LifecycleOptions) {
    this.#provisioner = options.provisioner;
    this.#secrets = options.secrets;
    this.#logger = options.logger;
    this.#timeoutMs = options.operationTimeoutMs;
    this.#now = options.now ?? (() => new Date());
    this.#metrics = options.metrics;
    this.#status = new StatusCache(
      options.statusCacheMs,
      () => this.#now().getTime(),
      options.statusCacheEntries,
      (result) => this.#metrics?.cacheLookup(result),
    );
    this.#started = new LRUCache({ max: options.statusCacheEntries ?? 10_000 });
    options.provisioner.onStateChange?.((id) => this.#status.invalidate(id));
  }

  /** PUT: create, update or report the resource so that it matches `desired`. */
  async put(desired: DesiredResource, last?: LastAnswer): Promise<Outcome> {
    return this.answerPut(desired, last);
  }

  /** GET: report, never change. */
  async get(id: string, secrets: DriverSecrets, last?: LastAnswer): Promise<Outcome> {
    return this.answerGet(id, secrets, last);
  }

  /**
   * put() for the HTTP layer's hot path: a poll that the status cache answers and that changes
   * nothing is answered (or refused, by a throw) synchronously. Humanitec repeats its polls, and
   * every promise on their path is paid on each of them.
   */
  answerPut(desired: DesiredResource, last?: LastAnswer): Outcome | Promise<Outcome> {
    const problems = this.#provisioner.capabilities.unsupported(desired.spec);
    if (problems.length > 0) {
      throw new ValidationError(
        problems.map(
          ({ field, problem, fix, kind }) =>
            new DriverError(kind === "invalid-value" ? "RES-101" : "RES-112", problem, { field, fix }),
        ),
      );
    }
    const hash = configHash(desired.spec);
    const cached = this.#cachedState(desired.id);
    const answer = cached && this.#answerWithoutChange(desired, hash, cached, last);
    if (answer) return answer;
    const after = this.#putAfterLookup(desired, hash, cached, last);
    return last
      ? after.catch((error: unknown) => this.#answerFromLast(error, desired.id, last, hash))
      : after;
  }

  async #putAfterLookup(
    desired: DesiredResource,
    hash: string,
    cached: ResourceState | undefined,
    last: LastAnswer | undefined,
  ): Promise<Outcome> {
    if (cached === undefined) {
      const answer = this.#answerWithoutChange(
        desired,
        hash,
        await this.#describe(desired.id, desired.secrets),
        last,
      );
      if (answer) return answer;
    }
    return this.#locks.run(desired.id, async () => {
      const state = await this.#describeFresh(desired.id, desired.secrets);
      return this.#answerWithoutChange(desired, hash, state, last) ?? this.#change(desired, hash, state);
    });
  }

  /** get() for the HTTP layer's hot path: synchronous when the status cache answers. */
  answerGet(id: string, secrets: DriverSecrets, last?: LastAnswer): Outcome | Promise<Outcome> {
    const cached = this.#cachedState(id);
    if (cached) return this.#report(id, cached);
    const after = this.#describe(id, secrets).then((state) => this.#report(id, state));
    return last ? after.catch((error: unknown) => this.#answerFromLast(error, id, last)) : after;
  }

  /**
   * The answer while the backend throttles the lookup of a resource this replica knows nothing of:
   * what the caller says the driver answered last, when it says so. Ready stays ready (with the
   * password of the generation then handed out) only for the same inputs; otherwise nothing could
   * start, and the caller's repeat of the request tries again, as after a throttled change.
   */
  #answerFromLast(error: unknown, id: string, last: LastAnswer, wanted?: string): Outcome {
    if (!(error instanceof DriverError) || error.code !== "RES-119") throw error;
    this.#logger.warn(
      { guresid: id, reason: error.message, status: last.status },
      "backend unavailable; answering the state the driver cookie names",
    );
    const same = wanted === undefined || wanted === last.configHash;
    if (last.status === "available" && last.ready && same) {
      const password = this.#secrets.password(id, last.ready.authGeneration);
      return {
        kind: "ready",
        outputs: buildOutputs(last.ready.endpoint, password),
        configHash: last.configHash,
        endpoint: last.ready.endpoint,
        authGeneration: last.ready.authGeneration,
      };
    }
    const status = last.status === "available" ? "updating" : last.status;
    const kind = status === "deleting" && wanted !== undefined ? "conflict" : "in-progress";
    return { kind, hint: progressHint(status, this.#now()), configHash: wanted ?? last.configHash };
  }

  #report(id: string, state: ResourceState): Outcome {
    switch (state.status) {
      case "absent":
        throw new DriverError("RES-109", `resource ${id} is not provisioned`, {
          fix: "PUT the resource first; it may have been deleted",
        });
      case "failed":
        throw this.#failed(id, state.reason);
      case "available":
        return this.#ready(id, state);
      default:
        return this.#inProgress(state, configHash(state.spec));
    }
  }

  /** DELETE: start or follow the deletion; `gone` once nothing is left (also when nothing existed). */
  async delete(id: string, secrets: DriverSecrets, last?: LastAnswer): Promise<Outcome> {
    const deleting = this.#deleteLocked(id, secrets);
    return last
      ? deleting.catch((error: unknown) =>
          this.#answerFromLast(error, id, { configHash: last.configHash, status: "deleting" }),
        )
      : deleting;
  }

  #deleteLocked(id: string, secrets: DriverSecrets): Promise<Outcome> {
    return this.#locks.run(id, async () => {
      const state = await this.#describeFresh(id, secrets);
      if (state.status === "absent") return { kind: "gone" };
      const hash = "spec" in state ? configHash(state.spec) : "";
      if (state.status !== "deleting") {
        this.#logger.info({ guresid: id, from: state.status }, "deleting resource");
        const expected = { status: "deleting" as const, spec: state.spec, since: this.#now() };
        const started = await this.#mutate(id, secrets, expected, () =>
          this.#call("delete", () => this.#provisioner.delete(id, secrets)),
        );
        if (!started) return this.#inProgress(expected, hash);
      }
      const after = await this.#describeAfterChange(id, secrets);
      if (after?.status === "absent") return { kind: "gone" };
      if (after?.status === "deleting") return this.#inProgress(after, hash);
      return this.#inProgress({ status: "deleting", spec: state.spec, since: this.#now() }, hash);
    });
  }

  /** Answers that need no change to the resource, or undefined when a change is needed. */
  #answerWithoutChange(
    desired: DesiredResource,
    hash: string,
    state: ResourceState,
    last?: LastAnswer,
  ): Outcome | undefined {
    switch (state.status) {
      case "absent":
        return undefined;
      case "available":
        return configHash(state.spec) === hash && state.nextStep === undefined
          ? this.#ready(desired.id, state)
          : undefined;
      case "failed":
        throw this.#failed(desired.id, state.reason);
      case "deleting":
        return { kind: "conflict", hint: this.#hint(state), configHash: hash };
      case "creating":
      case "updating": {
        // A creation of these very inputs that stopped half-way is resumed by their PUT (see #change).
        if (state.status === "creating" && state.nextStep !== undefined && configHash(state.spec) === hash) {
          return undefined;
        }
        // A backend may report the spec it is leaving until a change is done: the change this
        // driver (this replica, or another one as the caller's cookie says) started for these very
        // inputs is not a conflicting one. Nor is an update of the inputs the caller last saw ready:
        // a replica that died under this very request may have started it, and the caller's
        // repeat applies its inputs once it is done.
        const same =
          configHash(state.spec) === hash ||
          this.#started.get(desired.id)?.hash === hash ||
          (last?.configHash === hash && last.status === state.status) ||
          (state.status === "updating" &&
            last?.status === "available" &&
            last.configHash === configHash(state.spec));
        return { kind: same ? "in-progress" : "conflict", hint: this.#hint(state), configHash: hash };
      }
    }
  }

  async #change(desired: DesiredResource, hash: string, state: ResourceState): Promise<Outcome> {
    const { id, spec, secrets } = desired;
    const request = { id, spec, secrets, password: this.#secrets.password(id, spec.auth_generation) };
    let expected: InProgress;
    if (state.status === "absent" || (state.status === "creating" && state.nextStep !== undefined)) {
      expected = { status: "creating", spec, since: this.#now() };
      this.#logger.info(
        { guresid: id, configHash: hash, ...(state.status === "creating" ? { resume: state.nextStep } : {}) },
        state.status === "creating" ? "resuming creation" : "creating resource",
      );
      const create = () => this.#call("create", () => this.#provisioner.create(request));
      if (!(await this.#mutate(id, secrets, expected, create))) {
        return this.#inProgress(expected, hash);
      }
    } else if (state.status === "available") {
      expected = { status: "updating", spec, since: this.#now() };
      const changed = changedFields(state.spec, spec);
      this.#refuseReplacement(changed, state.spec, spec);
      this.#logger.info({ guresid: id, configHash: hash, changed }, "updating resource");
      const rotating = state.spec.auth_generation !== spec.auth_generation;
      const previousPassword = this.#secrets.password(id, state.spec.auth_generation);
      const update = () =>
        this.#call("update", () =>
          this.#provisioner.update(rotating ? { ...request, previousPassword } : request, state.spec),
        );
      if (!(await this.#mutate(id, secrets, expected, update))) return this.#inProgress(expected, hash);
    } else {
      throw new Error(`unexpected state ${state.status} for a change`);
    }
    const after = await this.#describeAfterChange(id, secrets);
    // A backend may not show a change it accepted yet (describe still says absent, or the old
    // spec): then the answer is the operation just started, with its estimate and deadline.
    return (after && this.#answerWithoutChange(desired, hash, after)) ?? this.#inProgress(expected, hash);
  }

  #refuseReplacement(changed: (keyof DriverInputs)[], current: DriverInputs, next: DriverInputs): void {
    const updatable = this.#provisioner.capabilities.updatableFields(next);
    const fixed = changed.filter((field) => !updatable.has(field));
    if (fixed.length === 0) return;
    const fields = fixed.map((field) => `driver.values.${field}`);
    throw new DriverError("RES-108", `changing ${fields.join(", ")} requires replacing the resource`, {
      field: fields[0] ?? "driver.values",
      fix: `keep the current value${fixed.length > 1 ? "s" : ""} (${fixed
        .map((field) => `${field}=${JSON.stringify(current[field]) ?? "unset"}`)
        .join(", ")}), or delete the resource and create it again with the new ones`,
      details: { fields },
    });
  }

  /**
   * Runs a create, update or delete. False when the backend was throttling or briefly unavailable:
   * nothing started, and the caller's repeat of the same request tries again.
   */
  async #mutate(
    id: string,
    secrets: DriverSecrets,
    expected: InProgress,
    start: () => Promise<void>,
  ): Promise<boolean> {
    try {
      await start();
      // Until a lookup succeeds, a throttled poll answers with the operation just started.
      this.#status.remember(id, expected);
      this.#started.set(id, {
        operation: OPERATION_OF[expected.status],
        at: this.#now().getTime(),
        hash: configHash(expected.spec),
        spec: expected.spec,
      });
      return true;
    } catch (error) {
      if (isProvisionerError(error, "unavailable")) {
        this.#logger.warn({ guresid: id, reason: error.message }, "backend unavailable; answering 202");
        return false;
      }
      throw toDriverError(error, secrets);
    } finally {
      this.#status.invalidate(id);
    }
  }

  /** The ready answer; built once per state the provisioner reported, since polls repeat it. */
  #ready(id: string, state: Extract<ResourceState, { status: "available" }>): Outcome {
    let outcome = this.#readyAnswers.get(state);
    if (outcome === undefined) {
      const password = this.#secrets.password(id, state.spec.auth_generation);
      outcome = {
        kind: "ready",
        outputs: buildOutputs(state.endpoint, password),
        configHash: configHash(state.spec),
        endpoint: state.endpoint,
        authGeneration: state.spec.auth_generation,
      };
      this.#readyAnswers.set(state, outcome);
    }
    return outcome;
  }

  #inProgress(state: InProgress, hash: string): Outcome {
    return { kind: "in-progress", hint: this.#hint(state), configHash: hash };
  }

  #hint(state: InProgress): ProgressHint {
    const estimatedSeconds = this.#provisioner.capabilities.estimatedSeconds(
      OPERATION_OF[state.status],
      state.spec,
    );
    return progressHint(state.status, this.#now(), {
      since: state.since,
      estimatedSeconds,
      timeoutMs: this.#timeoutMs,
    });
  }

  #failed(id: string, reason: string): DriverError {
    return new DriverError("RES-111", `provisioning resource ${id} failed: ${reason}`, {
      fix: "correct the cause above, then DELETE the resource and deploy again",
    });
  }

  /** The state the status cache holds fresh for `id`, without waiting; undefined when a lookup is due. */
  #cachedState(id: string): ResourceState | undefined {
    const state = this.#status.peek(id);
    if (state !== undefined) this.#noteFinished(id, state.status);
    return state;
  }

  /**
   * The resource's state, shared with concurrent pollers. While the backend throttles, the last
   * known state answers; only a resource never seen yet turns a throttle into 503.
   */
  async #describe(id: string, secrets: DriverSecrets): Promise<ResourceState> {
    try {
      const state = await this.#status.get(id, () =>
        this.#call("describe", () => this.#provisioner.describe(id, secrets)),
      );
      this.#noteFinished(id, state.status);
      return state;
    } catch (error) {
      const known = this.#status.lastKnown(id);
      if (known && isProvisionerError(error, "unavailable")) {
        this.#logger.warn(
          { guresid: id, reason: error.message },
          "backend unavailable; answering the last known state",
        );
        return known;
      }
      throw toDriverError(error, secrets);
    }
  }

  /** Calls the provisioner, counting the call by operation and outcome. */
  async #call<T>(operation: BackendCall, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.#metrics?.backendCall(operation, "ok");
      return result;
    } catch (error) {
      this.#metrics?.backendCall(operation, outcomeOf(error));
      throw error;
    }
  }

  /** Observes how long an operation this driver started took, once the backend shows it done. */
  #noteFinished(id: string, status: ResourceStatus): void {
    const started = this.#started.get(id);
    if (!started) return;
    const done = started.operation === "delete" ? status === "absent" : status === "available";
    if (!done && status !== "failed") return;
    this.#started.delete(id);
    if (!done) return;
    const seconds = (this.#now().getTime() - started.at) / 1000;
    this.#metrics?.operationDone(started.operation, seconds);
    this.#provisioner.capabilities.observed?.(started.operation, started.spec, seconds);
  }

  /** How many resources the driver knows of, by their last known status. */
  resourcesByStatus(): Map<ResourceStatus, number> {
    const counts = new Map<ResourceStatus, number>();
    for (const state of this.#status.lastKnownValues()) {
      counts.set(state.status, (counts.get(state.status) ?? 0) + 1);
    }
    return counts;
  }

  #describeFresh(id: string, secrets: DriverSecrets): Promise<ResourceState> {
    this.#status.invalidate(id);
    return this.#describe(id, secrets);
  }

  /** The state right after a change, or undefined when the backend throttles that look. */
  async #describeAfterChange(id: string, secrets: DriverSecrets): Promise<ResourceState | undefined> {
    try {
      return await this.#describeFresh(id, secrets);
    } catch (error) {
      if (error instanceof DriverError && error.code === "RES-119") return undefined;
      throw error;
    }
  }
}

const OUTCOMES: Record<ProvisionerError["kind"], BackendOutcome> = {
  unavailable: "throttled",
  "access-denied": "denied",
  "invalid-input": "invalid",
  unsupported: "invalid",
  conflict: "conflict",
  quota: "quota",
  failed: "failed",
};

const outcomeOf = (error: unknown): BackendOutcome =>
  error instanceof ProvisionerError ? OUTCOMES[error.kind] : "error";
