import pino from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import { FakeProvisioner } from "./support/fake-provisioner.js";
import { DriverError } from "../src/errors.js";
import { DriverInputsSchema, type DriverInputs } from "../src/inputs/driver-inputs.js";
import { SecretDeriver } from "../src/security/secret-deriver.js";
import { ResourceLifecycle } from "../src/lifecycle/resource-lifecycle.js";

const spec = (values: Partial<DriverInputs> = {}): DriverInputs => DriverInputsSchema.parse(values);
const NOW = new Date("2026-11-24T10:00:00Z");
const ID = "0123456789abcdef0123456789abcdef01234567";

async function rejectionOf(promise: Promise<unknown>): Promise<DriverError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof DriverError) return error;
  throw new Error(`expected a DriverError, got ${String(error)}`);
}

describe("ResourceLifecycle", () => {
  let fake: FakeProvisioner;
  let lifecycle: ResourceLifecycle;
  const secrets = new SecretDeriver("k".repeat(32));

  beforeEach(() => {
    fake = new FakeProvisioner();
    lifecycle = new ResourceLifecycle({
      provisioner: fake,
      secrets,
      logger: pino({ level: "silent" }),
      statusCacheMs: 0,
      operationTimeoutMs: 60_000,
      now: () => NOW,
    });
  });

  const put = (values: Partial<DriverInputs> = {}) =>
    lifecycle.put({ id: ID, spec: spec(values), secrets: {} });

  it("creates an absent resource and answers in-progress with a hint", async () => {
    const outcome = await put();
    expect(outcome).toMatchObject({
      kind: "in-progress",
      hint: { status: "creating", current_time: NOW.toISOString() },
    });
    expect(fake.calls).toEqual([{ step: "create", id: ID, secrets: {} }]);
  });

  it("repeats in-progress for the same inputs without a second create", async () => {
    await put();
    expect((await put()).kind).toBe("in-progress");
    expect(fake.calls).toHaveLength(1);
  });

  it("answers a conflicting change during creation with conflict", async () => {
    await put();
    expect(await put({ engine: "redis" })).toMatchObject({ kind: "conflict", hint: { status: "creating" } });
    expect(fake.calls).toHaveLength(1);
  });

  it("serves ready outputs with the derived password, identical on repeat", async () => {
    await put();
    fake.finish(ID);
    const first = await put();
    const second = await put();
    expect(first).toEqual(second);
    const password = secrets.password(ID, 0);
    expect(first).toMatchObject({
      kind: "ready",
      outputs: {
        values: { host: "cache.local", port: 6379, tls: true },
        secrets: { username: "default", password, url: `rediss://default:${password}@cache.local:6379` },
      },
    });
  });

  it("creates exactly one resource for concurrent PUTs of a new id", async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => put()));
    expect(new Set(outcomes.map((o) => o.kind))).toEqual(new Set(["in-progress"]));
    expect(fake.calls.filter((call) => call.step === "create")).toHaveLength(1);
  });

  it("updates in place when only updatable fields change", async () => {
    await put();
    fake.finish(ID);
    expect(await put({ auth_generation: 1, tags: { team: "b" } })).toMatchObject({
      kind: "in-progress",
      hint: { status: "updating" },
    });
    expect(fake.calls.map((call) => call.step)).toEqual(["create", "update"]);
    fake.finish(ID);
    const ready = await put({ auth_generation: 1, tags: { team: "b" } });
    expect(ready.kind === "ready" && ready.outputs.secrets.password).toBe(secrets.password(ID, 1));
  });

  it("refuses a change that needs a replacement, naming every field and the current values", async () => {
    await put();
    fake.finish(ID);
    const error = await rejectionOf(put({ engine: "redis", tls: false, replicas: 1 }));
    expect(error.code).toBe("RES-108");
    expect(error.publicMessage).toBe(
      "driver.values.engine: changing driver.values.engine, driver.values.tls requires replacing the resource. " +
        'Fix: keep the current values (engine="valkey", tls=true), or delete the resource and create it again with the new ones',
    );
    expect(fake.calls).toHaveLength(1);
  });

  it("reports a failed resource with the reason", async () => {
    await put();
    fake.fail(ID, "no capacity for cache.t4g.micro");
    const error = await rejectionOf(put());
    expect(error.code).toBe("RES-111");
    expect(error.publicMessage).toMatch(/failed: no capacity for cache\.t4g\.micro\. Fix: .*DELETE/);
  });

  it("rejects unsupported options before anything starts", async () => {
    fake.unsupportedFields = ["driver.values.mode", "driver.values.shards"];
    const error = await rejectionOf(put({ mode: "cluster", shards: 2 }));
    expect(error.code).toBe("RES-112");
    expect(error.field).toBe("driver.values.mode");
    expect(error.details?.issues).toEqual([
      expect.objectContaining({ code: "RES-112", field: "driver.values.mode" }),
      expect.objectContaining({ code: "RES-112", field: "driver.values.shards" }),
    ]);
    expect(fake.calls).toHaveLength(0);
  });

  it("deletes: gone for an unknown id, in-progress while deleting, gone after", async () => {
    expect(await lifecycle.delete(ID, {})).toEqual({ kind: "gone" });
    await put();
    fake.finish(ID);
    expect(await lifecycle.delete(ID, {})).toMatchObject({
      kind: "in-progress",
      hint: { status: "deleting" },
    });
    expect(await lifecycle.delete(ID, {})).toMatchObject({ kind: "in-progress" });
    expect(fake.calls.filter((call) => call.step === "delete")).toHaveLength(1);
    fake.finish(ID);
    expect(await lifecycle.delete(ID, {})).toEqual({ kind: "gone" });
  });

  it("accepts a delete during creation and answers PUTs with conflict meanwhile", async () => {
    await put();
    expect(await lifecycle.delete(ID, {})).toMatchObject({
      kind: "in-progress",
      hint: { status: "deleting" },
    });
    expect(await put()).toMatchObject({ kind: "conflict", hint: { status: "deleting" } });
  });

  it("GET: 404 error when absent, in-progress while creating, ready when available", async () => {
    expect((await rejectionOf(lifecycle.get(ID, {}))).code).toBe("RES-109");
    await put();
    expect((await lifecycle.get(ID, {})).kind).toBe("in-progress");
    fake.finish(ID);
    expect((await lifecycle.get(ID, {})).kind).toBe("ready");
    expect(fake.calls).toHaveLength(1);
  });

  it("promises a timeout counted from the start of the operation", async () => {
    const outcome = await put();
    expect(outcome.kind === "in-progress" && outcome.hint.timeout).toBe(new Date(60_000).toISOString());
  });

  it("an update this driver started stays in progress while the backend still reports the old spec", async () => {
    await put();
    fake.finish(ID);
    expect((await put({ auth_generation: 1 })).kind).toBe("in-progress");
    // Like ElastiCache mid-rotation: modifying, and still describing the inputs it is leaving.
    fake.states.set(ID, { status: "updating", spec: spec(), since: NOW });
    expect(await put({ auth_generation: 1 })).toMatchObject({
      kind: "in-progress",
      hint: { status: "updating" },
    });
    expect(await put({ auth_generation: 2 })).toMatchObject({ kind: "conflict" });
  });

  it("GET names the missing resource and the fix", async () => {
    expect((await rejectionOf(lifecycle.get(ID, {}))).publicMessage).toBe(
      `resource ${ID} is not provisioned. Fix: PUT the resource first; it may have been deleted`,
    );
  });

  it("GET reports a failed resource with the reason", async () => {
    await put();
    fake.fail(ID, "no capacity for cache.t4g.micro");
    const error = await rejectionOf(lifecycle.get(ID, {}));
    expect(error.code).toBe("RES-111");
    expect(error.publicMessage).toBe(
      `provisioning resource ${ID} failed: no capacity for cache.t4g.micro. Fix: correct the cause above, then DELETE the resource and deploy again`,
    );
  });

  it("repeats in-progress during an update and answers another change meanwhile with conflict", async () => {
    await put();
    fake.finish(ID);
    await put({ replicas: 1 });
    expect(await put({ replicas: 1 })).toMatchObject({ kind: "in-progress", hint: { status: "updating" } });
    expect(await put({ replicas: 2 })).toMatchObject({ kind: "conflict", hint: { status: "updating" } });
    expect(fake.calls.map((call) => call.step)).toEqual(["create", "update"]);
  });

  it("refuses a change of one fixed field, naming it, its current value and the field in details", async () => {
    await put({ username: "app" });
    fake.finish(ID);
    const error = await rejectionOf(put({ username: "other" }));
    expect(error.field).toBe("driver.values.username");
    expect(error.publicMessage).toBe(
      "driver.values.username: changing driver.values.username requires replacing the resource. " +
        'Fix: keep the current value (username="app"), or delete the resource and create it again with the new ones',
    );
    expect(error.details).toEqual({ fields: ["driver.values.username"] });
  });

  it("names a fixed field that was unset as unset", async () => {
    await put();
    fake.finish(ID);
    const error = await rejectionOf(put({ username: "app" }));
    expect(error.publicMessage).toContain("(username=unset)");
  });
});
