import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, test } from "vitest";
import { configHash } from "../../src/lifecycle/config-hash.js";
import {
  DriverInputsSchema,
  type DriverInputsIn,
  type DriverSecrets,
} from "../../src/inputs/driver-inputs.js";
import type {
  Provisioner,
  ResourceRequest,
  ResourceState,
  ResourceStatus,
} from "../../src/provisioners/provisioner.js";

/** One backend for the suite: a provisioner over it, and what the suite needs to steer it. */
export interface ContractBackend extends AsyncDisposable {
  provisioner: Provisioner;
  /** A second provisioner over the same backend, as after a restart or on another replica. */
  reopen(): Promise<Provisioner>;
}

export interface ContractSubject {
  /** Shown in test titles, e.g. `local/process`. */
  name: string;
  /** A provisioner over a fresh, empty backend. Disposing it removes everything it created. */
  open(): Promise<ContractBackend>;
  /** A provisioner over a backend where every create fails (a broken binary, a refused request). */
  openFailing(): Promise<ContractBackend>;
  /** Inputs this provisioner creates without trouble. */
  inputs: DriverInputsIn;
  /** Changes to `inputs` this provisioner makes in place (e.g. a new `auth_generation`). */
  update: DriverInputsIn;
  /** Inputs with at least two options this provisioner cannot honour, and the fields it must name. */
  unsupported?: { inputs: DriverInputsIn; fields: string[] };
  /** Secrets of every request (a cloud provisioner's account). Default none. */
  secrets?: DriverSecrets;
  /** How long one operation may take. Default 30 s. */
  timeoutMs?: number;
}

const newId = () => `contract-${randomBytes(6).toString("hex")}`;

async function waitFor<S extends ResourceStatus>(
  provisioner: Provisioner,
  id: string,
  secrets: DriverSecrets,
  status: S,
  timeoutMs: number,
): Promise<Extract<ResourceState, { status: S }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await provisioner.describe(id, secrets);
    if (state.status === status) return state as Extract<ResourceState, { status: S }>;
    if (state.status === "failed" && status !== "failed") {
      throw new Error(`${id} failed while waiting for ${status}: ${state.reason}`);
    }
    if (Date.now() > deadline)
      throw new Error(`${id} is still ${state.status} after ${timeoutMs} ms, not ${status}`);
    await sleep(25);
  }
}

/**
 * The behaviour every provisioner shares, whatever its backend: what the lifecycle relies on. Run
 * it once per provisioner (and per runtime) with a subject that opens a fresh backend.
 */
export function provisionerContractSuite(subject: ContractSubject): void {
  const secrets = subject.secrets ?? {};
  const timeoutMs = subject.timeoutMs ?? 30_000;
  const request = (
    id: string,
    inputs: DriverInputsIn,
    password = randomBytes(32).toString("hex"),
  ): ResourceRequest => ({
    id,
    spec: DriverInputsSchema.parse(inputs),
    secrets,
    password,
  });
  const wait = <S extends ResourceStatus>(provisioner: Provisioner, id: string, status: S) =>
    waitFor(provisioner, id, secrets, status, timeoutMs);

  describe(`provisioner contract: ${subject.name}`, () => {
    test("create → creating → available with an endpoint and the full spec; a repeated create changes nothing", async () => {
      await using backend = await subject.open();
      const { provisioner } = backend;
      const changes: string[] = [];
      provisioner.onStateChange?.((changed) => changes.push(changed));
      const id = newId();
      const first = request(id, subject.inputs);
      await provisioner.create(first);
      const during = await provisioner.describe(id, secrets);
      expect(["creating", "available"]).toContain(during.status);
      if (during.status === "creating") {
        expect(configHash(during.spec)).toBe(configHash(first.spec));
        expect(during.since).toBeInstanceOf(Date);
      }
      const ready = await wait(provisioner, id, "available");
      expect(ready.spec).toEqual(first.spec);
      expect(ready.endpoint).toMatchObject({ host: expect.any(String), port: expect.any(Number) });
      expect(ready.endpoint.port).toBeGreaterThan(0);
      if (provisioner.onStateChange) expect(changes).toContain(id);

      // Humanitec repeats requests; a second create of an existing resource must not make another.
      await provisioner.create(first).catch((error: unknown) => {
        expect(error).toMatchObject({ name: "ProvisionerError", kind: "conflict" });
      });
      expect(await provisioner.describe(id, secrets)).toMatchObject({
        status: "available",
        spec: first.spec,
      });

      await provisioner.delete(id, secrets);
      await wait(provisioner, id, "absent");
    });

    test("an in-place update goes through updating (or straight) back to available with the new spec", async () => {
      await using backend = await subject.open();
      const { provisioner } = backend;
      const id = newId();
      const before = request(id, subject.inputs);
      await provisioner.create(before);
      await wait(provisioner, id, "available");
      const after = request(id, { ...subject.inputs, ...subject.update });
      expect(configHash(after.spec)).not.toBe(configHash(before.spec));
      const updatable = provisioner.capabilities.updatableFields(after.spec);
      for (const field of Object.keys(subject.update)) expect(updatable.has(field as never)).toBe(true);
      await provisioner.update(after, before.spec);
      const updated = await wait(provisioner, id, "available");
      expect(updated.spec).toEqual(after.spec);
      await provisioner.delete(id, secrets);
      await wait(provisioner, id, "absent");
    });

    test("declares its capabilities: estimates for every operation, unsupported options all at once", async () => {
      await using backend = await subject.open();
      const { capabilities } = backend.provisioner;
      const spec = DriverInputsSchema.parse(subject.inputs);
      for (const operation of ["create", "update", "delete"] as const) {
        expect(capabilities.estimatedSeconds(operation, spec)).toBeGreaterThan(0);
      }
      expect(capabilities.unsupported(spec)).toEqual([]);
      if (subject.unsupported) {
        const problems = capabilities.unsupported(DriverInputsSchema.parse(subject.unsupported.inputs));
        expect(problems.map((problem) => problem.field)).toEqual(subject.unsupported.fields);
        for (const problem of problems) {
          expect(problem.problem).not.toBe("");
          expect(problem.fix).not.toBe("");
        }
      }
    });

    test("a second provisioner over the same backend (a restart) reports the same spec and can delete", async () => {
      await using backend = await subject.open();
      const id = newId();
      const created = request(id, subject.inputs);
      await backend.provisioner.create(created);
      await wait(backend.provisioner, id, "available");
      await backend.provisioner.close();

      const restarted = await backend.reopen();
      try {
        const state = await wait(restarted, id, "available");
        expect(configHash(state.spec)).toBe(configHash(created.spec));
        await restarted.delete(id, secrets);
        await wait(restarted, id, "absent");
      } finally {
        await restarted.close();
      }
    });

    test("deleting an unknown id is fine, and a deleted resource is absent", async () => {
      await using backend = await subject.open();
      const { provisioner } = backend;
      const id = newId();
      await provisioner.delete(id, secrets);
      expect(await provisioner.describe(id, secrets)).toEqual({ status: "absent" });
    });

    test("a failure surfaces as failed, with a reason that holds no secret, and can be deleted", async () => {
      await using backend = await subject.openFailing();
      const { provisioner } = backend;
      const id = newId();
      const doomed = request(id, subject.inputs);
      await provisioner.create(doomed);
      const failed = await wait(provisioner, id, "failed");
      expect(failed.reason.length).toBeGreaterThan(10);
      expect(failed.reason).not.toContain(doomed.password);
      for (const value of Object.values(secrets.account ?? {})) expect(failed.reason).not.toContain(value);
      await provisioner.delete(id, secrets);
      await wait(provisioner, id, "absent");
    });
  });
}
