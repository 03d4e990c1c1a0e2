import {
  CreateCacheParameterGroupCommand,
  CreateReplicationGroupCommand,
  DeleteCacheParameterGroupCommand,
  ModifyCacheParameterGroupCommand,
  type CreateReplicationGroupCommandInput,
} from "@aws-sdk/client-elasticache";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DriverInputsSchema } from "../../src/inputs/driver-inputs.js";
import {
  elasticacheHarness,
  GURESID,
  NAMES,
  type ElastiCacheHarness,
} from "../support/elasticache-harness.js";

const LRU = { maxmemory_policy: "allkeys-lru" } as const;

/** AWS's throttle, as the SDK raises it once its own retries are spent. */
const throttling = () =>
  Object.assign(new Error("Rate exceeded"), {
    name: "ThrottlingException",
    $metadata: { httpStatusCode: 400 },
  });

/** What a replica killed right after the call leaves: the call took effect, nothing after it ran. */
const killed = () => Promise.reject(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));

/**
 * A node-based creation with its own parameter group stopped after one of its calls (its replica
 * died, or AWS throttled it past the SDK's retries): looks report it `creating` and change nothing;
 * the next PUT of the same inputs, on any replica, resumes it to one parameter group and one
 * replication group.
 */
describe("a node-based creation stopped after its parameter group", () => {
  let h: ElastiCacheHarness;
  beforeEach(() => {
    h = elasticacheHarness({ now: () => new Date("2026-11-24T10:00:00Z") });
  });
  afterEach(async () => {
    await h.close();
  });

  /** The other replica (a restarted one knows nothing either) resumes with a PUT, after looks that change nothing. */
  async function resumedByOtherReplica(): Promise<void> {
    const b = h.replica();
    const spec = DriverInputsSchema.parse(LRU);
    const calls = () =>
      [CreateCacheParameterGroupCommand, ModifyCacheParameterGroupCommand, CreateReplicationGroupCommand].map(
        (command) => h.fake.count(command),
      );
    const beforeLooks = calls();
    expect(await b.lifecycle.get(GURESID, {})).toMatchObject({
      kind: "in-progress",
      hint: { status: "creating" },
    });
    expect(await h.get()).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
    expect(calls()).toEqual(beforeLooks);
    expect(h.fake.groups.size).toBe(0);

    expect(await b.lifecycle.put({ id: GURESID, spec, secrets: {} })).toMatchObject({
      kind: "in-progress",
      hint: { status: "creating" },
    });
    expect(h.fake.groups.size).toBe(1);
    expect(
      h.fake.inputs<CreateReplicationGroupCommandInput>(CreateReplicationGroupCommand).at(-1),
    ).toMatchObject({
      CacheParameterGroupName: NAMES.parameterGroup,
    });
    expect(h.fake.parameterGroups.get(NAMES.parameterGroup)?.parameters).toEqual({
      "maxmemory-policy": "allkeys-lru",
    });
    h.fake.finish(NAMES.cache);
    expect((await b.lifecycle.put({ id: GURESID, spec, secrets: {} })).kind).toBe("ready");
    expect((await h.put(LRU)).kind).toBe("ready");
    expect(h.fake.parameterGroups.size).toBe(1);
    expect(h.fake.count(DeleteCacheParameterGroupCommand)).toBe(0);
  }

  it("killed after CreateCacheParameterGroup: the next PUT sets the policy and creates the replication group", async () => {
    h.fake.onceAfter(CreateCacheParameterGroupCommand, killed);
    expect((await h.put(LRU)).kind).toBe("in-progress");
    expect(h.fake.count(ModifyCacheParameterGroupCommand)).toBe(0);
    expect(h.fake.parameterGroups.get(NAMES.parameterGroup)?.parameters).toEqual({});
    await resumedByOtherReplica();
  });

  it("killed after ModifyCacheParameterGroup: the next PUT sets the same policy again and creates the replication group", async () => {
    h.fake.onceAfter(ModifyCacheParameterGroupCommand, killed);
    expect((await h.put(LRU)).kind).toBe("in-progress");
    expect(h.fake.count(CreateReplicationGroupCommand)).toBe(0);
    await resumedByOtherReplica();
  });

  it("a throttled CreateReplicationGroup keeps the parameter group, and the same replica's next PUT resumes", async () => {
    h.fake.failNext(CreateReplicationGroupCommand, throttling());
    expect((await h.put(LRU)).kind).toBe("in-progress");
    expect(h.fake.parameterGroups.size).toBe(1);
    expect(h.fake.groups.size).toBe(0);
    expect((await h.put(LRU)).kind).toBe("in-progress");
    expect(h.fake.groups.size).toBe(1);
    h.fake.finish(NAMES.cache);
    expect((await h.put(LRU)).kind).toBe("ready");
    expect(h.fake.count(DeleteCacheParameterGroupCommand)).toBe(0);
  });

  it("a DELETE while only the parameter group exists removes it and answers gone", async () => {
    h.fake.onceAfter(CreateCacheParameterGroupCommand, killed);
    expect((await h.put(LRU)).kind).toBe("in-progress");
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(h.fake.parameterGroups.size).toBe(0);
    expect(h.fake.groups.size).toBe(0);
    expect(await h.provisioner.describe(GURESID, {})).toEqual({ status: "absent" });
  });
});
