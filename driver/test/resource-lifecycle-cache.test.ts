import pino from "pino";
import { beforeEach, describe, expect, it } from "vitest";
import { FakeProvisioner } from "./support/fake-provisioner.js";
import { DriverError } from "../src/errors.js";
import { DriverInputsSchema, type DriverInputs } from "../src/inputs/driver-inputs.js";
import { ResourceLifecycle } from "../src/lifecycle/resource-lifecycle.js";
import { ProvisionerError } from "../src/provisioners/provisioner-errors.js";
import { SecretDeriver } from "../src/security/secret-deriver.js";

const spec = (values: Partial<DriverInputs> = {}): DriverInputs => DriverInputsSchema.parse(values);
const NOW = new Date("2026-11-24T10:00:00Z");
const ID = "0123456789abcdef0123456789abcdef01234567";
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

/**
 * The lifecycle as production runs it: status lookups cached for 500 ms. The clock stands still,
 * so a cached answer never expires by itself: whatever a test sees fresh, an invalidation caused.
 */
describe("ResourceLifecycle with the status cache of production", () => {
  let fake: FakeProvisioner;
  let lifecycle: ResourceLifecycle;
  const secrets = new SecretDeriver("k".repeat(32));

  beforeEach(() => {
    fake = new FakeProvisioner({ now: () => NOW });
    lifecycle = new ResourceLifecycle({
      provisioner: fake,
      secrets,
      logger: pino({ level: "silent" }),
      statusCacheMs: 500,
      operationTimeoutMs: 60_000,
      now: () => NOW,
    });
  });

  const put = (values: Partial<DriverInputs> = {}) =>
    lifecycle.put({ id: ID, spec: spec(values), secrets: {} });

  it("reports a resource it just started creating, not the absence it looked up first", async () => {
    expect(await put()).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
    expect(await lifecycle.get(ID, {})).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
  });

  it("reports an operation the backend finished at once, without waiting for the cache to expire", async () => {
    await put();
    expect((await lifecycle.get(ID, {})).kind).toBe("in-progress");
    fake.finish(ID);
    expect((await lifecycle.get(ID, {})).kind).toBe("ready");
    expect((await put()).kind).toBe("ready");
  });

  it("deletes after looking afresh, so a resource gone behind its back is not deleted again", async () => {
    await put();
    fake.finish(ID);
    expect((await lifecycle.get(ID, {})).kind).toBe("ready");
    fake.states.delete(ID);
    expect(await lifecycle.delete(ID, {})).toEqual({ kind: "gone" });
    expect(fake.calls.map((call) => call.step)).toEqual(["create"]);
  });

  it("changes a resource after looking afresh, so a deletion behind its back is seen", async () => {
    await put();
    fake.finish(ID);
    expect((await put()).kind).toBe("ready");
    fake.states.delete(ID);
    expect(await put({ replicas: 1 })).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
    expect(fake.calls.map((call) => call.step)).toEqual(["create", "create"]);
  });

  it("creates exactly one resource for concurrent PUTs that shared one cached lookup", async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => put()));
    expect(new Set(outcomes.map((outcome) => outcome.kind))).toEqual(new Set(["in-progress"]));
    expect(fake.calls).toHaveLength(1);
  });

  it("promises completion at the start plus the provisioner's estimate for each operation", async () => {
    expect(await put()).toMatchObject({
      kind: "in-progress",
      hint: { status: "creating", estimated_completion_time: later(5_000), timeout: later(60_000) },
    });
    fake.finish(ID);
    await put();
    expect(await put({ replicas: 1 })).toMatchObject({
      hint: { status: "updating", estimated_completion_time: later(2_000) },
    });
    expect(await lifecycle.get(ID, {})).toMatchObject({
      hint: { status: "updating", estimated_completion_time: later(2_000) },
    });
    fake.finish(ID);
    expect(await lifecycle.delete(ID, {})).toMatchObject({
      hint: { status: "deleting", estimated_completion_time: later(2_000) },
    });
  });

  it("answers a throttled poll with the operation it just started", async () => {
    await put();
    fake.nextError = new ProvisionerError("unavailable", "Rate exceeded");
    expect(await lifecycle.get(ID, {})).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
  });

  it("looks afresh after a change whose reply was lost, since the backend may have acted on it", async () => {
    fake.nextErrorAfterStart = new ProvisionerError("unavailable", "the request timed out");
    expect(await put()).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
    expect(await lifecycle.get(ID, {})).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });

    fake.finish(ID);
    fake.nextErrorAfterStart = new ProvisionerError("failed", "the connection was reset");
    await expect(lifecycle.delete(ID, {})).rejects.toMatchObject({ code: "RES-111" });
    expect(await lifecycle.get(ID, {})).toMatchObject({ kind: "in-progress", hint: { status: "deleting" } });
  });

  it("answers a repeated PUT and a GET of a ready resource without a promise, and put() still gives one", async () => {
    const desired = { id: ID, spec: spec(), secrets: {} };
    await lifecycle.put(desired);
    fake.finish(ID);
    // The first look after the change goes to the backend; the ones after it are the cache's.
    expect(lifecycle.answerPut(desired)).toBeInstanceOf(Promise);
    await lifecycle.answerPut(desired);
    const put = lifecycle.answerPut(desired);
    expect(put).not.toBeInstanceOf(Promise);
    expect(put).toMatchObject({ kind: "ready" });
    expect(lifecycle.answerGet(ID, {})).toBe(put);
    await expect(lifecycle.put(desired)).resolves.toBe(put);
    await expect(lifecycle.get(ID, {})).resolves.toBe(put);
    expect(fake.calls.map((call) => call.step)).toEqual(["create"]);
  });

  it("takes the lock and changes the resource when the cached state does not match the inputs", async () => {
    await lifecycle.put({ id: ID, spec: spec(), secrets: {} });
    fake.finish(ID);
    await lifecycle.put({ id: ID, spec: spec(), secrets: {} });
    const changed = lifecycle.answerPut({
      id: ID,
      spec: spec({ tags: { team: "b" } }),
      secrets: {},
    });
    expect(changed).toBeInstanceOf(Promise);
    expect(await changed).toMatchObject({ kind: "in-progress", hint: { status: "updating" } });
    expect(fake.calls.map((call) => call.step)).toEqual(["create", "update"]);
  });

  it("refuses synchronously from the cache, and put() and get() turn that into a rejection", async () => {
    fake.states.set(ID, { status: "failed", spec: spec(), reason: "out of capacity" });
    await expect(lifecycle.get(ID, {})).rejects.toMatchObject({ code: "RES-111" });
    expect(() => lifecycle.answerGet(ID, {})).toThrow(DriverError);
    expect(() => lifecycle.answerPut({ id: ID, spec: spec(), secrets: {} })).toThrow(/out of capacity/);
    await expect(lifecycle.put({ id: ID, spec: spec(), secrets: {} })).rejects.toMatchObject({
      code: "RES-111",
    });
  });
});
