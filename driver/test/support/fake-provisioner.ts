import type { DriverInputs } from "../../src/inputs/driver-inputs.js";
import type { Provisioner, ResourceRequest, ResourceState } from "../../src/provisioners/provisioner.js";

type Step = "create" | "update" | "delete";

/**
 * An in-memory backend whose operations finish only when the test says so (`finish(id)`), so
 * every lifecycle state can be reached deterministically.
 */
export class FakeProvisioner implements Provisioner {
  readonly name = "fake";
  readonly calls: { step: Step; id: string }[] = [];
  readonly states = new Map<string, ResourceState>();
  unsupportedField: string | undefined;

  unsupported(spec: DriverInputs) {
    return this.unsupportedField && spec.mode === "cluster"
      ? { field: this.unsupportedField, problem: "cluster mode is not available", fix: 'use "standalone"' }
      : undefined;
  }

  async describe(id: string): Promise<ResourceState> {
    return this.states.get(id) ?? { status: "absent" };
  }

  async create(request: ResourceRequest): Promise<void> {
    this.begin("create", request.id, "creating", request.spec);
  }

  async update(request: ResourceRequest): Promise<void> {
    this.begin("update", request.id, "updating", request.spec);
  }

  private begin(
    step: Step,
    id: string,
    status: "creating" | "updating" | "deleting",
    spec: DriverInputs,
  ): void {
    this.calls.push({ step, id });
    this.states.set(id, { status, spec, since: new Date(0), estimatedSeconds: 5 });
  }

  async delete(id: string): Promise<void> {
    const state = this.states.get(id);
    if (state && "spec" in state) this.begin("delete", id, "deleting", state.spec);
    else this.calls.push({ step: "delete", id });
  }

  /** Completes whatever operation is in flight for `id`. */
  finish(id: string): void {
    const state = this.states.get(id);
    if (!state || !("spec" in state)) return;
    if (state.status === "deleting") this.states.delete(id);
    else {
      this.states.set(id, {
        status: "available",
        spec: state.spec,
        endpoint: { host: "cache.local", port: 6379, tls: state.spec.tls, username: "default" },
      });
    }
  }

  fail(id: string, reason: string): void {
    const state = this.states.get(id);
    if (state && "spec" in state) this.states.set(id, { status: "failed", spec: state.spec, reason });
  }

  async close(): Promise<void> {}
}
