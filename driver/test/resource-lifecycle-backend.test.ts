import pino from "pino";
import { describe, expect, it } from "vitest";
import { FakeProvisioner, type FakeOptions } from "./support/fake-provisioner.js";
import { DriverInputsSchema, type DriverInputs } from "../src/inputs/driver-inputs.js";
import { configHash } from "../src/lifecycle/config-hash.js";
import { ResourceLifecycle } from "../src/lifecycle/resource-lifecycle.js";
import type { Provisioner, ResourceRequest } from "../src/provisioners/provisioner.js";
import { ProvisionerError } from "../src/provisioners/provisioner-errors.js";
import { SecretDeriver } from "../src/security/secret-deriver.js";

const spec = (values: Partial<DriverInputs> = {}): DriverInputs => DriverInputsSchema.parse(values);
const NOW = new Date("2026-11-24T10:00:00Z");
const ID = "0123456789abcdef0123456789abcdef01234567";
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const throttled = () => new ProvisionerError("unavailable", "Rate exceeded");

function setUp(fake: Provisioner, statusCacheMs = 0) {
  const lifecycle = new ResourceLifecycle({
    provisioner: fake,
    secrets: new SecretDeriver("k".repeat(32)),
    logger: pino({ level: "silent" }),
    statusCacheMs,
    operationTimeoutMs: 60_000,
    now: () => NOW,
  });
  const put = (values: Partial<DriverInputs> = {}) =>
    lifecycle.put({ id: ID, spec: spec(values), secrets: {} });
  return { lifecycle, put };
}

const fakeAt = (options: FakeOptions = {}) => new FakeProvisioner({ now: () => NOW, ...options });

describe("ResourceLifecycle when the backend throttles", () => {
  it("answers a throttled create with the creation to come, and creates on the repeat", async () => {
    const fake = fakeAt();
    const { lifecycle, put } = setUp(fake);
    fake.nextChangeError = throttled();
    expect(await put()).toMatchObject({
      kind: "in-progress",
      hint: { status: "creating", estimated_completion_time: later(5_000), timeout: later(60_000) },
      configHash: configHash(spec()),
    });
    expect(fake.calls).toEqual([]);
    // The look before the change and the fresh one under the lock; none after a refused change.
    expect(fake.describes).toBe(2);
    await expect(lifecycle.get(ID, {})).rejects.toMatchObject({ code: "RES-109" });
    await put();
    expect(fake.calls.map((call) => call.step)).toEqual(["create"]);
  });

  it("answers a throttled update with the update to come, while the resource stays ready", async () => {
    const fake = fakeAt();
    const { lifecycle, put } = setUp(fake);
    await put();
    fake.finish(ID);
    fake.nextChangeError = throttled();
    expect(await put({ replicas: 1 })).toMatchObject({
      kind: "in-progress",
      hint: { status: "updating", estimated_completion_time: later(2_000) },
    });
    expect(fake.calls.map((call) => call.step)).toEqual(["create"]);
    expect((await lifecycle.get(ID, {})).kind).toBe("ready");
  });

  it("answers a throttled delete with the deletion to come, without asking the backend again", async () => {
    const fake = fakeAt();
    const { lifecycle, put } = setUp(fake);
    await put();
    fake.finish(ID);
    fake.nextChangeError = throttled();
    const describesBefore = fake.describes;
    expect(await lifecycle.delete(ID, {})).toEqual({
      kind: "in-progress",
      hint: {
        status: "deleting",
        estimated_completion_time: later(2_000),
        timeout: later(60_000),
        current_time: NOW.toISOString(),
      },
      configHash: configHash(spec()),
    });
    expect(fake.describes - describesBefore).toBe(1);
    expect(fake.calls.map((call) => call.step)).toEqual(["create"]);
  });

  it("turns other failures of a change into their error answer", async () => {
    const fake = fakeAt();
    const { put } = setUp(fake);
    fake.nextChangeError = new ProvisionerError("quota", "CacheClusterQuotaExceeded");
    await expect(put()).rejects.toMatchObject({ code: "RES-118" });
  });

  it("answers with the operation it started when the look right after it is throttled", async () => {
    const fake = fakeAt();
    const { lifecycle, put } = setUp(fake);
    fake.nextDescribeErrorAfterStart = throttled();
    expect(await put()).toMatchObject({
      kind: "in-progress",
      hint: { status: "creating", timeout: later(60_000) },
    });
    fake.finish(ID);
    fake.nextDescribeErrorAfterStart = throttled();
    expect(await lifecycle.delete(ID, {})).toMatchObject({
      kind: "in-progress",
      hint: { status: "deleting", timeout: later(60_000) },
    });
    expect(fake.calls.map((call) => call.step)).toEqual(["create", "delete"]);
  });

  it("fails a change whose follow-up look fails for another reason than throttling", async () => {
    const fake = fakeAt();
    const { put } = setUp(fake);
    fake.nextDescribeErrorAfterStart = new ProvisionerError("access-denied", "not authorized");
    await expect(put()).rejects.toMatchObject({ code: "RES-117" });
  });

  it("answers a throttled poll with the operation just started, even when the look after it failed", async () => {
    const fake = fakeAt();
    const { lifecycle, put } = setUp(fake);
    fake.nextDescribeErrorAfterStart = throttled();
    await put();
    fake.nextError = throttled();
    expect(await lifecycle.get(ID, {})).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
  });

  it("shares one lookup between polls of a ready resource and takes no lock for them", async () => {
    const fake = fakeAt();
    const { lifecycle, put } = setUp(fake, 500);
    await put();
    fake.finish(ID);
    expect((await put()).kind).toBe("ready");
    const describesBefore = fake.describes;
    const outcomes = await Promise.all([...Array.from({ length: 10 }, () => put()), lifecycle.get(ID, {})]);
    expect(new Set(outcomes.map((outcome) => outcome.kind))).toEqual(new Set(["ready"]));
    expect(await put()).toEqual(outcomes[0]);
    expect(fake.describes - describesBefore).toBe(0);
  });
});

describe("ResourceLifecycle when the backend is quick or lags behind", () => {
  it("answers ready at once, and gone at once, when the backend finishes as it starts", async () => {
    const fake = fakeAt({ finishAtOnce: true });
    const { lifecycle, put } = setUp(fake);
    expect((await put()).kind).toBe("ready");
    expect((await put({ replicas: 1 })).kind).toBe("ready");
    expect(await lifecycle.delete(ID, {})).toEqual({ kind: "gone" });
  });

  it("counts a hint from when the backend says the operation started", async () => {
    const fake = new FakeProvisioner({ now: () => new Date(NOW.getTime() - 30_000) });
    const { lifecycle, put } = setUp(fake);
    expect(await put()).toMatchObject({ hint: { status: "creating", timeout: later(30_000) } });
    fake.finish(ID);
    expect(await lifecycle.delete(ID, {})).toMatchObject({
      hint: { status: "deleting", timeout: later(30_000) },
    });
    expect(await lifecycle.delete(ID, {})).toMatchObject({
      hint: { status: "deleting", timeout: later(30_000) },
    });
  });

  it("answers with the operation it started while the backend does not show it yet", async () => {
    /** Accepts changes, but its describe shows them only when the test says so. */
    class LaggingFake extends FakeProvisioner {
      readonly accepted: ResourceRequest[] = [];
      override async create(request: ResourceRequest): Promise<void> {
        this.accepted.push(request);
      }
      override async update(request: ResourceRequest): Promise<void> {
        this.accepted.push(request);
      }
    }
    const fake = new LaggingFake({ now: () => NOW });
    const { put } = setUp(fake);
    expect(await put()).toMatchObject({
      kind: "in-progress",
      hint: { status: "creating", estimated_completion_time: later(5_000), timeout: later(60_000) },
    });
    fake.states.set(ID, {
      status: "available",
      spec: spec(),
      endpoint: { host: "h", port: 1, tls: true, username: "u" },
    });
    expect(await put({ replicas: 1 })).toMatchObject({
      kind: "in-progress",
      hint: { status: "updating", estimated_completion_time: later(2_000) },
      configHash: configHash(spec({ replicas: 1 })),
    });
    expect(fake.accepted).toHaveLength(2);
  });

  it("works with a provisioner that announces no state changes", async () => {
    const fake = fakeAt();
    const quiet: Provisioner = {
      name: "quiet",
      capabilities: fake.capabilities,
      describe: (id, secrets) => fake.describe(id, secrets),
      create: (request) => fake.create(request),
      update: (request) => fake.update(request),
      delete: (id, secrets) => fake.delete(id, secrets),
      close: () => fake.close(),
    };
    const { lifecycle, put } = setUp(quiet);
    expect((await put()).kind).toBe("in-progress");
    fake.finish(ID);
    expect((await lifecycle.get(ID, {})).kind).toBe("ready");
  });
});
