import {
  CacheParameterGroupNotFoundFault,
  CacheSubnetGroupNotFoundFault,
  CreateCacheParameterGroupCommand,
  CreateReplicationGroupCommand,
  DeleteCacheParameterGroupCommand,
  DescribeCacheClustersCommand,
  ModifyCacheParameterGroupCommand,
  ModifyReplicationGroupCommand,
  type CreateReplicationGroupCommandInput,
  type ModifyCacheParameterGroupCommandInput,
  type ModifyReplicationGroupCommandInput,
} from "@aws-sdk/client-elasticache";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DriverInputsSchema, type DriverInputsIn } from "../../src/inputs/driver-inputs.js";
import type { Outcome } from "../../src/lifecycle/resource-lifecycle.js";
import { CREATION_WINDOW_MS } from "../../src/provisioners/elasticache/parameter-group.js";
import {
  driverErrorOf,
  elasticacheHarness,
  GURESID,
  NAMES,
  type ElastiCacheHarness,
} from "../support/elasticache-harness.js";

const $metadata = { httpStatusCode: 400, requestId: "req-1" };
const LRU = { maxmemory_policy: "allkeys-lru" } as const;

async function settle(h: ElastiCacheHarness, values: DriverInputsIn, looks = 12): Promise<string> {
  let kind = "";
  for (let look = 0; look < looks && kind !== "ready"; look++) {
    kind = (await h.put(values)).kind;
    h.fake.finish(NAMES.cache);
  }
  return kind;
}

describe("elasticache parameter groups", () => {
  let h: ElastiCacheHarness;
  let now: Date;
  beforeEach(() => {
    now = new Date("2026-11-24T10:00:00Z");
    h = elasticacheHarness({ now: () => now });
  });
  afterEach(async () => {
    await h.close();
  });

  it("two replicas, identical first PUTs: B's PUT between A's steps resumes A's creation and never deletes its group", async () => {
    const b = h.replica();
    const spec = DriverInputsSchema.parse(LRU);
    let seenByB: Outcome | undefined;
    // A has created the parameter group and not yet the replication group when B looks.
    h.fake.onceAfter(CreateCacheParameterGroupCommand, async () => {
      seenByB = await b.lifecycle.put({ id: GURESID, spec, secrets: {} });
    });
    const seenByA = await h.put(LRU);
    expect(seenByA.kind).toBe("in-progress");
    expect(seenByB).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
    expect(h.fake.count(DeleteCacheParameterGroupCommand)).toBe(0);
    // Both make the replication group: B's call creates it, A's is answered AlreadyExists and adopts it.
    expect(h.fake.count(CreateReplicationGroupCommand)).toBe(2);
    expect(h.fake.groups.size).toBe(1);
    expect(h.fake.parameterGroups.size).toBe(1);
    for (const input of h.fake.inputs<CreateReplicationGroupCommandInput>(CreateReplicationGroupCommand)) {
      expect(input).toMatchObject({ CacheParameterGroupName: NAMES.parameterGroup });
    }
    h.fake.finish(NAMES.cache);
    expect((await b.lifecycle.put({ id: GURESID, spec, secrets: {} })).kind).toBe("ready");
  });

  it("a parameter group deleted under its own creation step answers 202, and the next PUT converges", async () => {
    h.fake.onceAfter(CreateCacheParameterGroupCommand, async () => {
      h.fake.parameterGroups.clear();
    });
    expect(await h.put(LRU)).toMatchObject({ kind: "in-progress" });
    expect(h.fake.groups.size).toBe(0);
    expect(await settle(h, LRU)).toBe("ready");
    expect(h.fake.parameterGroups.get(NAMES.parameterGroup)?.parameters).toEqual({
      "maxmemory-policy": "allkeys-lru",
    });
  });

  it("CacheParameterGroupNotFound from CreateReplicationGroup for its own group is retried, not a 400", async () => {
    h.fake.onceAfter(CreateCacheParameterGroupCommand, async () => {
      h.fake.failNext(
        CreateReplicationGroupCommand,
        new CacheParameterGroupNotFoundFault({ message: "CacheParameterGroup not found.", $metadata }),
      );
    });
    expect((await h.put(LRU)).kind).toBe("in-progress");
    expect(await settle(h, LRU)).toBe("ready");
  });

  it("a creation refused by AWS removes the parameter group it made: the next PUT gets the same 400", async () => {
    h.fake.failNext(
      CreateReplicationGroupCommand,
      new CacheSubnetGroupNotFoundFault({ message: "CacheSubnetGroup cache-subnets not found.", $metadata }),
    );
    expect((await driverErrorOf(h.put(LRU))).code).toBe("RES-101");
    expect(h.fake.parameterGroups.size).toBe(0);
  });

  it("a lone parameter group is a creation under way while young, a leftover once older than a creation takes", async () => {
    // The request that made it stopped before the replication group (a connection reset).
    h.fake.onceAfter(CreateCacheParameterGroupCommand, () =>
      Promise.reject(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })),
    );
    expect((await h.put(LRU)).kind).toBe("in-progress");
    expect(h.fake.parameterGroups.size).toBe(1);
    expect(await h.provisioner.describe(GURESID, {})).toMatchObject({ status: "creating" });
    expect(h.fake.parameterGroups.size).toBe(1);
    now = new Date(now.getTime() + CREATION_WINDOW_MS + 1_000);
    expect(await h.provisioner.describe(GURESID, {})).toEqual({ status: "absent" });
    expect(h.fake.parameterGroups.size).toBe(0);
    expect(await settle(h, LRU)).toBe("ready");
  });

  it("after a DELETE, the parameter group is marked and removed once AWS lets it go, reported deleting until then", async () => {
    await h.put(LRU);
    h.fake.finish(NAMES.cache);
    await h.put(LRU);
    expect((await h.del()).kind).toBe("in-progress");
    const pg = h.fake.parameterGroups.get(NAMES.parameterGroup);
    expect(h.fake.tags.get(pg?.arn ?? "")?.some((t) => t.Key === "elasticache-driver-kit:deleting")).toBe(
      true,
    );
    // The group is gone from DescribeReplicationGroups, but a member cluster still references it.
    const group = h.fake.groups.get(NAMES.cache);
    h.fake.groups.delete(NAMES.cache);
    const lingering = { ...group, ReplicationGroupId: "lingering", Status: "deleting" };
    h.fake.groups.set("lingering", lingering);
    expect(await h.del()).toMatchObject({ kind: "in-progress", hint: { status: "deleting" } });
    expect(h.fake.parameterGroups.size).toBe(1);
    h.fake.groups.delete("lingering");
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(h.fake.parameterGroups.size).toBe(0);
  });

  it("cluster mode with the default policy uses default.<family>.cluster.on, with 1 and with 2 shards", async () => {
    for (const shards of [1, 2]) {
      h.fake.groups.clear();
      await h.put({ mode: "cluster", shards });
      expect(
        h.fake.inputs<CreateReplicationGroupCommandInput>(CreateReplicationGroupCommand).at(-1),
      ).toMatchObject({
        ClusterMode: "enabled",
        NumNodeGroups: shards,
        CacheParameterGroupName: "default.valkey8.cluster.on",
      });
    }
    expect(h.fake.parameterGroups.size).toBe(0);
  });

  it("sets cluster-enabled only on a new group; a policy change sends only maxmemory-policy", async () => {
    const cluster = { mode: "cluster", shards: 2, maxmemory_policy: "allkeys-lru" } as const;
    await h.put(cluster);
    expect(h.fake.parameterGroups.get(NAMES.parameterGroup)?.parameters).toEqual({
      "maxmemory-policy": "allkeys-lru",
      "cluster-enabled": "yes",
    });
    h.fake.finish(NAMES.cache);
    expect(await settle(h, { ...cluster, maxmemory_policy: "allkeys-lfu" })).toBe("ready");
    const modifies = h.fake.inputs<ModifyCacheParameterGroupCommandInput>(ModifyCacheParameterGroupCommand);
    expect(modifies.at(-1)?.ParameterNameValues).toEqual([
      { ParameterName: "maxmemory-policy", ParameterValue: "allkeys-lfu" },
    ]);
  });

  it("takes the family of a running group from its member clusters, not from AWS's current default", async () => {
    await h.put({ engine: "redis" });
    const group = h.fake.groups.get(NAMES.cache);
    if (group) group.EngineVersion = "7.1.0";
    h.fake.finish(NAMES.cache);
    expect(await settle(h, { engine: "redis", maxmemory_policy: "noeviction" })).toBe("ready");
    expect(h.fake.count(DescribeCacheClustersCommand)).toBeGreaterThan(0);
    expect(h.fake.parameterGroups.get(NAMES.parameterGroup)?.family).toBe("redis7");
    const switched = h.fake
      .inputs<ModifyReplicationGroupCommandInput>(ModifyReplicationGroupCommand)
      .find((m) => m.CacheParameterGroupName);
    expect(switched?.CacheParameterGroupName).toBe(NAMES.parameterGroup);
  });

  it("replaces a leftover parameter group of another family instead of using it", async () => {
    h.fake.parameterGroups.set(NAMES.parameterGroup, {
      family: "valkey7",
      parameters: {},
      arn: `arn:aws:elasticache:eu-central-1:123456789012:parametergroup:${NAMES.parameterGroup}`,
    });
    await h.put(LRU);
    expect(h.fake.parameterGroups.get(NAMES.parameterGroup)?.family).toBe("valkey8");
    expect(h.fake.count(DeleteCacheParameterGroupCommand)).toBe(1);
  });
});
