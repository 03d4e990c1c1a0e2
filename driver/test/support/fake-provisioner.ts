import { z } from "zod";
import type { DriverInputs, DriverSecrets } from "../../src/inputs/driver-inputs.js";
import type {
  Capabilities,
  Provisioner,
  ResourceRequest,
  ResourceState,
  UnsupportedOption,
} from "../../src/provisioners/provisioner.js";
import { ProvisionerError } from "../../src/provisioners/provisioner-errors.js";
import type { ProvisionerModule } from "../../src/provisioners/provisioner-module.js";
import { PROVISIONERS, type ProvisionerRegistry } from "../../src/provisioners/registry.js";

type Step = "create" | "update" | "delete";

export interface FakeOptions {
  /** Operations finish by themselves after this many ms; undefined: only when the test calls `finish`. */
  autoFinishMs?: number;
  /** Every create ends `failed` instead of `available`. */
  failCreates?: boolean;
  /** Like a cloud whose driver has no ambient credentials: calls without `secrets.account` are denied. */
  requireAccount?: boolean;
  /** The backend's clock, for when an operation started; default: always the epoch. */
  now?: () => Date;
  /** Operations finish as they start, like a backend that does its work in milliseconds. */
  finishAtOnce?: boolean;
}

/**
 * An in-memory backend. Operations finish when the test says so (`finish(id)`), or by themselves
 * after `autoFinishMs`, so every lifecycle state can be reached deterministically. The backend (the
 * `states` map) can be shared by several instances, as one cloud is by restarted drivers.
 */
export class FakeProvisioner implements Provisioner {
  readonly name = "fake";
  readonly calls: { step: Step; id: string; secrets: DriverSecrets }[] = [];
  /** Options reported unsupported when the spec asks for cluster mode. */
  unsupportedFields: string[] = [];
  /** Thrown by the next describe/create/update/delete, then cleared. */
  nextError: unknown;
  /** Thrown by the next create/update/delete before the backend does anything, then cleared. */
  nextChangeError: unknown;
  /**
   * Thrown by the next create/update/delete after the backend started the operation: a reply lost
   * on its way back, as a cloud API call that timed out after the cloud acted on it.
   */
  nextErrorAfterStart: unknown;
  /** Thrown by the first describe after the next operation started: a throttled look right after a change. */
  nextDescribeErrorAfterStart: unknown;
  /** How many times `describe` was called. */
  describes = 0;
  readonly capabilities: Capabilities;
  readonly #listeners: ((id: string) => void)[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly options: FakeOptions = {},
    readonly states = new Map<string, ResourceState>(),
  ) {
    this.capabilities = {
      needsCloudCredentials: false,
      updatableFields: () =>
        new Set<keyof DriverInputs>(["node_type", "replicas", "auth_generation", "tags"]),
      unsupported: (spec) => this.#unsupported(spec),
      estimatedSeconds: (operation) => (operation === "create" ? 5 : 2),
    };
  }

  #unsupported(spec: DriverInputs): UnsupportedOption[] {
    if (spec.mode !== "cluster") return [];
    return this.unsupportedFields.map((field) => ({
      field,
      problem: `${field} is not available in cluster mode`,
      fix: 'use mode "standalone"',
    }));
  }

  #throwPlanned(secrets: DriverSecrets): void {
    if (this.options.requireAccount && secrets.account === undefined) {
      throw new ProvisionerError(
        "access-denied",
        "no credentials: the fake cloud has no ambient credentials",
      );
    }
    const error = this.nextError;
    if (error === undefined) return;
    this.nextError = undefined;
    throw error;
  }

  #throwChangeError(): void {
    const error = this.nextChangeError;
    if (error === undefined) return;
    this.nextChangeError = undefined;
    throw error;
  }

  async describe(id: string, secrets: DriverSecrets): Promise<ResourceState> {
    this.describes += 1;
    this.#throwPlanned(secrets);
    this.lastDescribeSecrets = secrets;
    return this.states.get(id) ?? { status: "absent" };
  }

  /** The secrets the last describe was called with. */
  lastDescribeSecrets: DriverSecrets | undefined;

  async create(request: ResourceRequest): Promise<void> {
    this.#throwPlanned(request.secrets);
    this.#throwChangeError();
    const existing = this.states.get(request.id);
    if (existing && existing.status !== "absent") {
      throw new ProvisionerError("conflict", `resource ${request.id} already exists (${existing.status})`);
    }
    this.#begin("create", request.id, "creating", request.spec, request.secrets);
  }

  async update(request: ResourceRequest): Promise<void> {
    this.#throwPlanned(request.secrets);
    this.#throwChangeError();
    this.#begin("update", request.id, "updating", request.spec, request.secrets);
  }

  async delete(id: string, secrets: DriverSecrets): Promise<void> {
    this.#throwPlanned(secrets);
    this.#throwChangeError();
    const state = this.states.get(id);
    if (state && "spec" in state) this.#begin("delete", id, "deleting", state.spec, secrets);
    else this.calls.push({ step: "delete", id, secrets });
  }

  #begin(
    step: Step,
    id: string,
    status: "creating" | "updating" | "deleting",
    spec: DriverInputs,
    secrets: DriverSecrets,
  ): void {
    this.calls.push({ step, id, secrets });
    this.states.set(id, { status, spec, since: this.options.now?.() ?? new Date(0) });
    if (this.options.autoFinishMs !== undefined) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.finish(id);
      }, this.options.autoFinishMs);
      this.#timers.add(timer);
    }
    if (this.options.finishAtOnce) this.finish(id);
    if (this.nextDescribeErrorAfterStart !== undefined) {
      this.nextError = this.nextDescribeErrorAfterStart;
      this.nextDescribeErrorAfterStart = undefined;
    }
    const lost = this.nextErrorAfterStart;
    if (lost === undefined) return;
    this.nextErrorAfterStart = undefined;
    throw lost;
  }

  /** Completes whatever operation is in flight for `id`. */
  finish(id: string): void {
    const state = this.states.get(id);
    if (!state || !("spec" in state)) return;
    if (state.status === "deleting") this.states.delete(id);
    else if (state.status === "creating" && this.options.failCreates) {
      this.states.set(id, {
        status: "failed",
        spec: state.spec,
        reason: "the fake backend refused to create it",
      });
    } else {
      this.states.set(id, {
        status: "available",
        spec: state.spec,
        endpoint: { host: "cache.local", port: 6379, tls: state.spec.tls, username: "default" },
      });
    }
    for (const listener of this.#listeners) listener(id);
  }

  fail(id: string, reason: string): void {
    const state = this.states.get(id);
    if (state && "spec" in state) this.states.set(id, { status: "failed", spec: state.spec, reason });
  }

  /** Replaced by tests that need the backend not ready. */
  checkReady: () => Promise<string | undefined> = async () => undefined;

  onStateChange(listener: (id: string) => void): void {
    this.#listeners.push(listener);
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

/**
 * `DRIVER_PROVISIONER=fake`, registered the way every provisioner is: `FAKE_AUTO_FINISH_MS` makes
 * operations finish by themselves, `FAKE_REQUIRE_ACCOUNT=true` denies calls without an account. `instances` holds every fake the module opened, for assertions.
 */
export function fakeModule(instances: FakeProvisioner[] = []): ProvisionerModule {
  const settings = z.object({
    FAKE_AUTO_FINISH_MS: z.coerce.number().int().min(0).optional().describe("fake: operations finish after"),
    FAKE_REQUIRE_ACCOUNT: z.enum(["true", "false"]).default("false").describe("fake: no ambient credentials"),
  });
  return {
    settings,
    async open(parsed) {
      const { FAKE_AUTO_FINISH_MS, FAKE_REQUIRE_ACCOUNT } = parsed as z.output<typeof settings>;
      const fake = new FakeProvisioner({
        ...(FAKE_AUTO_FINISH_MS === undefined ? {} : { autoFinishMs: FAKE_AUTO_FINISH_MS }),
        requireAccount: FAKE_REQUIRE_ACCOUNT === "true",
      });
      instances.push(fake);
      return fake;
    },
  };
}

/** The driver's registry with the fake added. */
export const registryWithFake = (instances: FakeProvisioner[] = []): ProvisionerRegistry => ({
  ...PROVISIONERS,
  fake: fakeModule(instances),
});
