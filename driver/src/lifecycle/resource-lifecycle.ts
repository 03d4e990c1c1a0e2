import type { Logger } from "pino";
import { DriverError } from "../errors.js";
import { UPDATABLE_FIELDS, type DriverInputs, type DriverSecrets } from "../inputs/driver-inputs.js";
import type { Provisioner, ResourceState } from "../provisioners/provisioner.js";
import type { SecretDeriver } from "../security/secret-deriver.js";
import { changedFields, configHash } from "./config-hash.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { buildOutputs, type ResourceOutputs } from "./outputs.js";
import { progressHint, type ProgressHint } from "./progress-hint.js";
import { StatusCache } from "./status-cache.js";

/** What the HTTP layer turns into a status code. Errors are thrown as DriverError. */
export type Outcome =
  | { kind: "ready"; outputs: ResourceOutputs; configHash: string }
  | { kind: "in-progress"; hint: ProgressHint; configHash: string }
  | { kind: "conflict"; hint: ProgressHint; configHash: string }
  | { kind: "gone" };

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
  now?: () => Date;
}

/**
 * The contract's state machine, backend-agnostic: compares the desired inputs with what exists and
 * decides create / wait / update / conflict / delete. Mutations of one resource are serialised;
 * status polls that change nothing take no lock and share lookups.
 */
export class ResourceLifecycle {
  readonly #provisioner: Provisioner;
  readonly #secrets: SecretDeriver;
  readonly #logger: Logger;
  readonly #timeoutMs: number;
  readonly #now: () => Date;
  readonly #locks = new KeyedMutex();
  readonly #status: StatusCache<ResourceState>;

  constructor(options: LifecycleOptions) {
    this.#provisioner = options.provisioner;
    this.#secrets = options.secrets;
    this.#logger = options.logger;
    this.#timeoutMs = options.operationTimeoutMs;
    this.#now = options.now ?? (() => new Date());
    this.#status = new StatusCache(options.statusCacheMs, () => this.#now().getTime());
    options.provisioner.onStateChange?.((id) => this.#status.invalidate(id));
  }

  /** PUT: create, update or report the resource so that it matches `desired`. */
  async put(desired: DesiredResource): Promise<Outcome> {
    const problem = this.#provisioner.unsupported(desired.spec);
    if (problem) {
      throw new DriverError("RES-112", problem.problem, { field: problem.field, fix: problem.fix });
    }
    const hash = configHash(desired.spec);
    const polled = await this.#describe(desired.id, desired.secrets);
    const answer = this.#answerWithoutChange(desired, hash, polled);
    if (answer) return answer;
    return this.#locks.run(desired.id, async () => {
      const state = await this.#describeFresh(desired.id, desired.secrets);
      return this.#answerWithoutChange(desired, hash, state) ?? this.#change(desired, hash, state);
    });
  }

  /** GET: report, never change. */
  async get(id: string, secrets: DriverSecrets): Promise<Outcome> {
    const state = await this.#describe(id, secrets);
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
  async delete(id: string, secrets: DriverSecrets): Promise<Outcome> {
    return this.#locks.run(id, async () => {
      const state = await this.#describeFresh(id, secrets);
      if (state.status === "absent") return { kind: "gone" };
      if (state.status !== "deleting") {
        this.#logger.info({ guresid: id, from: state.status }, "deleting resource");
        await this.#provisioner.delete(id, secrets);
        this.#status.invalidate(id);
      }
      const after = await this.#describeFresh(id, secrets);
      if (after.status === "absent") return { kind: "gone" };
      const spec = "spec" in after ? after.spec : undefined;
      const timing = after.status === "deleting" ? this.#timing(after) : undefined;
      return {
        kind: "in-progress",
        hint: progressHint("deleting", this.#now(), timing),
        configHash: spec ? configHash(spec) : "",
      };
    });
  }

  /** Answers that need no change to the resource, or undefined when a change is needed. */
  #answerWithoutChange(desired: DesiredResource, hash: string, state: ResourceState): Outcome | undefined {
    switch (state.status) {
      case "absent":
        return undefined;
      case "available":
        return configHash(state.spec) === hash ? this.#ready(desired.id, state) : undefined;
      case "failed":
        throw this.#failed(desired.id, state.reason);
      case "deleting":
        return {
          kind: "conflict",
          hint: progressHint("deleting", this.#now(), this.#timing(state)),
          configHash: hash,
        };
      case "creating":
      case "updating": {
        const same = configHash(state.spec) === hash;
        const hint = progressHint(state.status, this.#now(), this.#timing(state));
        return same
          ? { kind: "in-progress", hint, configHash: hash }
          : { kind: "conflict", hint, configHash: hash };
      }
    }
  }

  async #change(desired: DesiredResource, hash: string, state: ResourceState): Promise<Outcome> {
    const request = {
      id: desired.id,
      spec: desired.spec,
      secrets: desired.secrets,
      password: this.#secrets.password(desired.id, desired.spec.auth_generation),
    };
    if (state.status === "absent") {
      this.#logger.info({ guresid: desired.id, configHash: hash }, "creating resource");
      await this.#provisioner.create(request);
    } else if (state.status === "available") {
      const changed = changedFields(state.spec, desired.spec);
      const fixed = changed.filter((field) => !UPDATABLE_FIELDS.has(field));
      if (fixed.length > 0) {
        const fields = fixed.map((field) => `driver.values.${field}`);
        throw new DriverError("RES-108", `changing ${fields.join(", ")} requires replacing the resource`, {
          field: fields[0] ?? "driver.values",
          fix: `keep the current value${fixed.length > 1 ? "s" : ""} (${fixed
            .map((field) => `${field}=${JSON.stringify(state.spec[field]) ?? "unset"}`)
            .join(", ")}), or delete the resource and create it again with the new ones`,
          details: { fields },
        });
      }
      this.#logger.info({ guresid: desired.id, configHash: hash, changed }, "updating resource");
      await this.#provisioner.update(request, state.spec);
    } else {
      throw new Error(`unexpected state ${state.status} for a change`);
    }
    this.#status.invalidate(desired.id);
    const after = await this.#describeFresh(desired.id, desired.secrets);
    return this.#answerWithoutChange(desired, hash, after) ?? this.#inProgress(after, hash);
  }

  #ready(id: string, state: Extract<ResourceState, { status: "available" }>): Outcome {
    const password = this.#secrets.password(id, state.spec.auth_generation);
    return {
      kind: "ready",
      outputs: buildOutputs(state.endpoint, password),
      configHash: configHash(state.spec),
    };
  }

  #inProgress(state: ResourceState, hash: string): Outcome {
    const status = state.status === "updating" || state.status === "deleting" ? state.status : "creating";
    const timing = "since" in state ? this.#timing(state) : undefined;
    return { kind: "in-progress", hint: progressHint(status, this.#now(), timing), configHash: hash };
  }

  #failed(id: string, reason: string): DriverError {
    return new DriverError("RES-111", `provisioning resource ${id} failed: ${reason}`, {
      fix: "correct the cause above, then DELETE the resource and deploy again",
    });
  }

  #timing(state: { since: Date; estimatedSeconds: number }) {
    return { since: state.since, estimatedSeconds: state.estimatedSeconds, timeoutMs: this.#timeoutMs };
  }

  #describe(id: string, secrets: DriverSecrets): Promise<ResourceState> {
    return this.#status.get(id, () => this.#provisioner.describe(id, secrets));
  }

  #describeFresh(id: string, secrets: DriverSecrets): Promise<ResourceState> {
    this.#status.invalidate(id);
    return this.#describe(id, secrets);
  }
}
