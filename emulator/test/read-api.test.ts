import {
  AddTagsToResourceCommand,
  CacheClusterNotFoundFault,
  CreateReplicationGroupCommand,
  DescribeCacheClustersCommand,
  DescribeCacheEngineVersionsCommand,
  DescribeCacheParametersCommand,
  DescribeEngineDefaultParametersCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
  ListTagsForResourceCommand,
  ModifyReplicationGroupCommand,
  waitUntilCacheClusterAvailable,
} from "@aws-sdk/client-elasticache";
import { afterAll, describe, expect, it } from "vitest";
import { pollUntil } from "./support/poll.js";
import { startTestEmulator } from "./support/test-emulator.js";

const emulator = await startTestEmulator({ delays: { createMs: 1_500, modifyMs: 100, deleteMs: 50 } });
const client = new ElastiCacheClient({
  endpoint: emulator.url,
  region: emulator.region,
  credentials: { accessKeyId: "AKIDREAD", secretAccessKey: "secret" },
  maxAttempts: 1,
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

const groupStatus = async (id: string) =>
  (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups?.[0]
    ?.Status;

describe("the read API tools call", () => {
  it("describes member clusters with their nodes' endpoints, which the cache-cluster-available waiter polls", async () => {
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "members",
        ReplicationGroupDescription: "member clusters",
        CacheNodeType: "cache.t4g.micro",
        NumCacheClusters: 2,
      }),
    );
    const creating = await client.send(new DescribeCacheClustersCommand({ CacheClusterId: "members-001" }));
    expect(creating.CacheClusters?.[0]?.CacheClusterStatus).toBe("creating");
    const waited = await waitUntilCacheClusterAvailable(
      { client, minDelay: 1, maxDelay: 1, maxWaitTime: 30 },
      { CacheClusterId: "members-002" },
    );
    expect(waited.state).toBe("SUCCESS");

    const { CacheClusters } = await client.send(
      new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true }),
    );
    expect(CacheClusters?.map((cluster) => cluster.CacheClusterId)).toEqual(["members-001", "members-002"]);
    const group = (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "members" })))
      .ReplicationGroups?.[0];
    const readEndpoints = group?.NodeGroups?.[0]?.NodeGroupMembers?.map((member) => member.ReadEndpoint);
    expect(CacheClusters?.map((cluster) => cluster.CacheNodes?.[0]?.Endpoint)).toEqual(readEndpoints);
    expect(CacheClusters?.[0]).toMatchObject({
      ReplicationGroupId: "members",
      CacheNodeType: "cache.t4g.micro",
      ARN: `arn:aws:elasticache:${emulator.region}:000000000000:cluster:members-001`,
    });
    expect(
      await client
        .send(new DescribeCacheClustersCommand({ CacheClusterId: "nothing-001" }))
        .catch((error) => error),
    ).toBeInstanceOf(CacheClusterNotFoundFault);

    // Member clusters have ARNs of their own that take tags, and events of their own.
    const arn = CacheClusters?.[0]?.ARN ?? "";
    await client.send(
      new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: "node", Value: "1" }] }),
    );
    await pollUntil(
      () => groupStatus("members"),
      (status) => status === "available",
    );
    expect((await client.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList).toEqual([
      { Key: "node", Value: "1" },
    ]);
    const events = await client.send(new DescribeEventsCommand({ SourceType: "cache-cluster" }));
    expect(events.Events?.map((event) => event.SourceIdentifier).sort()).toEqual([
      "members-001",
      "members-002",
    ]);
  });

  it("keeps node changes with ApplyImmediately=false pending until a maintenance window", async () => {
    await client.send(
      new ModifyReplicationGroupCommand({
        ReplicationGroupId: "members",
        CacheNodeType: "cache.r7g.large",
        ApplyImmediately: false,
      }),
    );
    expect(await groupStatus("members")).toBe("available");
    const pending = await client.send(new DescribeCacheClustersCommand({ CacheClusterId: "members-001" }));
    expect(pending.CacheClusters?.[0]).toMatchObject({
      CacheNodeType: "cache.t4g.micro",
      PendingModifiedValues: { CacheNodeType: "cache.r7g.large" },
    });

    const tick = await fetch(`${emulator.url}/_emulator/maintenance`, { method: "POST" });
    expect(await tick.json()).toEqual({ applied: ["members"] });
    expect(await groupStatus("members")).toBe("modifying");
    await pollUntil(
      () => groupStatus("members"),
      (status) => status === "available",
    );
    const applied = await client.send(new DescribeCacheClustersCommand({ CacheClusterId: "members-001" }));
    expect(applied.CacheClusters?.[0]?.CacheNodeType).toBe("cache.r7g.large");
    expect(applied.CacheClusters?.[0]?.PendingModifiedValues?.CacheNodeType).toBeUndefined();
    expect(emulator.runMaintenance()).toEqual([]);
  });

  it("lists engine versions with their families, a group's parameters and a family's defaults", async () => {
    const versions = await client.send(
      new DescribeCacheEngineVersionsCommand({ Engine: "redis", DefaultOnly: true }),
    );
    expect(versions.CacheEngineVersions).toEqual([
      expect.objectContaining({ Engine: "redis", EngineVersion: "7.1", CacheParameterGroupFamily: "redis7" }),
    ]);
    const clusterOn = await client.send(
      new DescribeCacheParametersCommand({
        CacheParameterGroupName: "default.redis7.cluster.on",
        Source: "system",
      }),
    );
    expect(clusterOn.Parameters).toEqual([
      expect.objectContaining({ ParameterName: "cluster-enabled", ParameterValue: "yes" }),
    ]);
    const defaults = await client.send(
      new DescribeEngineDefaultParametersCommand({ CacheParameterGroupFamily: "valkey8" }),
    );
    expect(
      defaults.EngineDefaults?.Parameters?.find(
        (parameter) => parameter.ParameterName === "maxmemory-policy",
      ),
    ).toMatchObject({ ParameterValue: "volatile-lru", Source: "engine-default" });
  });
});
