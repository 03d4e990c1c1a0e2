import {
  AddTagsToResourceCommand,
  CreateCacheParameterGroupCommand,
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  CreateUserCommand,
  DecreaseReplicaCountCommand,
  DeleteCacheParameterGroupCommand,
  DescribeCacheParameterGroupsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
  InvalidCacheParameterGroupStateFault,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  InvalidReplicationGroupStateFault,
  InvalidServerlessCacheStateFault,
  ListTagsForResourceCommand,
  ModifyCacheParameterGroupCommand,
  ModifyReplicationGroupCommand,
  ModifyUserCommand,
  RemoveTagsFromResourceCommand,
  TagQuotaPerResourceExceeded,
  type CreateReplicationGroupCommandInput,
} from "@aws-sdk/client-elasticache";
import { afterAll, describe, expect, it } from "vitest";
import { pollUntil } from "./support/poll.js";
import { startTestEmulator } from "./support/test-emulator.js";

// Tag writes leave a group modifying for the modify delay: long enough to look at it.
const emulator = await startTestEmulator({ delays: { createMs: 50, modifyMs: 400, deleteMs: 50 } });
const client = new ElastiCacheClient({
  endpoint: emulator.url,
  region: emulator.region,
  credentials: { accessKeyId: "AKIDRULES", secretAccessKey: "secret" },
  maxAttempts: 1,
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the call succeeded but was expected to fail");
    },
    (error: unknown) => error as Error,
  );

const createGroup = (id: string, input: Partial<CreateReplicationGroupCommandInput> = {}) =>
  client.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: id,
      ReplicationGroupDescription: "rules",
      CacheNodeType: "cache.t4g.micro",
      ...input,
    }),
  );

const statusOf = async (id: string) =>
  (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups?.[0]
    ?.Status;

const untilAvailable = (id: string) =>
  pollUntil(
    () => statusOf(id),
    (status) => status === "available",
  );

const arnOf = (type: string, id: string) =>
  `arn:aws:elasticache:${emulator.region}:000000000000:${type}:${id}`;

describe("tagging a cache", () => {
  it("leaves a replication group modifying, and refuses tag reads and writes until it is available", async () => {
    await createGroup("tagged-1");
    const arn = arnOf("replicationgroup", "tagged-1");
    const whileCreating = await rejection(client.send(new ListTagsForResourceCommand({ ResourceName: arn })));
    expect(whileCreating).toBeInstanceOf(InvalidReplicationGroupStateFault);
    expect(whileCreating.message).toMatch(/not in available state to perform tagging operations/);
    await untilAvailable("tagged-1");

    await client.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: "a", Value: "1" }] }));
    expect(await statusOf("tagged-1")).toBe("modifying");
    expect(
      await rejection(
        client.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: "b", Value: "2" }] })),
      ),
    ).toBeInstanceOf(InvalidReplicationGroupStateFault);
    expect(
      await rejection(client.send(new ListTagsForResourceCommand({ ResourceName: arn }))),
    ).toBeInstanceOf(InvalidReplicationGroupStateFault);
    expect(
      await rejection(
        client.send(
          new ModifyReplicationGroupCommand({ ReplicationGroupId: "tagged-1", SnapshotRetentionLimit: 1 }),
        ),
      ),
    ).toBeInstanceOf(InvalidReplicationGroupStateFault);

    await untilAvailable("tagged-1");
    expect((await client.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList).toEqual([
      { Key: "a", Value: "1" },
    ]);
    await client.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: ["a"] }));
    expect(await statusOf("tagged-1")).toBe("modifying");
  });

  it("refuses a serverless cache's tags while it is creating", async () => {
    await client.send(
      new CreateServerlessCacheCommand({ ServerlessCacheName: "tagged-sls", Engine: "valkey" }),
    );
    const arn = arnOf("serverlesscache", "tagged-sls");
    const error = await rejection(client.send(new ListTagsForResourceCommand({ ResourceName: arn })));
    expect(error).toBeInstanceOf(InvalidServerlessCacheStateFault);
    await pollUntil(
      async () =>
        (await client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: "tagged-sls" })))
          .ServerlessCaches?.[0]?.Status,
      (status) => status === "available",
    );
    await client.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: "a", Value: "1" }] }));
    expect(
      (await client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: "tagged-sls" })))
        .ServerlessCaches?.[0]?.Status,
    ).toBe("modifying");
    // Modifying still allows tag reads on a serverless cache.
    expect((await client.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList).toEqual([
      { Key: "a", Value: "1" },
    ]);
  });

  it("keeps at most 50 tags on a resource", async () => {
    const arn = arnOf("subnetgroup", "default");
    const tags = (from: number, count: number) =>
      Array.from({ length: count }, (_, index) => ({ Key: `k${from + index}`, Value: "v" }));
    await client.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: tags(0, 50) }));
    const error = await rejection(
      client.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: tags(50, 1) })),
    );
    expect(error).toBeInstanceOf(TagQuotaPerResourceExceeded);
  });
});

describe("replica counts", () => {
  it("keeps at least one replica while Multi-AZ or automatic failover is on", async () => {
    await createGroup("floor-1", {
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
    });
    await untilAvailable("floor-1");
    const error = await rejection(
      client.send(
        new DecreaseReplicaCountCommand({
          ReplicationGroupId: "floor-1",
          NewReplicaCount: 0,
          ApplyImmediately: true,
        }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidParameterCombinationException);
    expect(error.message).toMatch(/at least 1 replica/);
  });
});

describe("parameter groups and cluster mode", () => {
  it("has a default.<family>.cluster.on group with cluster-enabled yes, used by cluster mode by default", async () => {
    const { CacheParameterGroups } = await client.send(
      new DescribeCacheParameterGroupsCommand({ CacheParameterGroupName: "default.redis7.cluster.on" }),
    );
    expect(CacheParameterGroups?.[0]?.CacheParameterGroupFamily).toBe("redis7");
    await createGroup("clustered-1", {
      NumNodeGroups: 2,
      ReplicasPerNodeGroup: 0,
      AutomaticFailoverEnabled: true,
    });
    const described = await client.send(
      new DescribeReplicationGroupsCommand({ ReplicationGroupId: "clustered-1" }),
    );
    expect(described.ReplicationGroups?.[0]?.ClusterEnabled).toBe(true);
  });

  it("refuses cluster mode with a cluster-off parameter group, and the reverse", async () => {
    const clusterOff = await rejection(
      createGroup("mismatch-1", {
        ClusterMode: "enabled",
        NumNodeGroups: 1,
        AutomaticFailoverEnabled: true,
        CacheParameterGroupName: "default.redis7",
      }),
    );
    expect(clusterOff).toBeInstanceOf(InvalidParameterCombinationException);
    expect(clusterOff.message).toMatch(/cluster-enabled set to no/);
    const clusterOn = await rejection(
      createGroup("mismatch-2", {
        ClusterMode: "disabled",
        CacheParameterGroupName: "default.redis7.cluster.on",
      }),
    );
    expect(clusterOn).toBeInstanceOf(InvalidParameterCombinationException);
  });

  it("refuses changing cluster-enabled on a group in use, and deleting a group in use", async () => {
    await client.send(
      new CreateCacheParameterGroupCommand({
        CacheParameterGroupName: "in-use",
        CacheParameterGroupFamily: "redis7",
        Description: "in use",
      }),
    );
    await createGroup("uses-group", { CacheParameterGroupName: "in-use" });
    const modify = await rejection(
      client.send(
        new ModifyCacheParameterGroupCommand({
          CacheParameterGroupName: "in-use",
          ParameterNameValues: [{ ParameterName: "cluster-enabled", ParameterValue: "yes" }],
        }),
      ),
    );
    expect(modify).toBeInstanceOf(InvalidParameterValueException);
    expect(modify.message).toMatch(/cluster-enabled cannot be modified/);
    const remove = await rejection(
      client.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: "in-use" })),
    );
    expect(remove).toBeInstanceOf(InvalidCacheParameterGroupStateFault);
    expect(remove.message).toMatch(/in use by replication group uses-group/);

    // A group nobody uses takes cluster-enabled yes, and then serves cluster mode.
    await client.send(
      new CreateCacheParameterGroupCommand({
        CacheParameterGroupName: "free",
        CacheParameterGroupFamily: "redis7",
        Description: "free",
      }),
    );
    await client.send(
      new ModifyCacheParameterGroupCommand({
        CacheParameterGroupName: "free",
        ParameterNameValues: [{ ParameterName: "cluster-enabled", ParameterValue: "yes" }],
      }),
    );
    const created = await createGroup("uses-free", {
      CacheParameterGroupName: "free",
      AutomaticFailoverEnabled: true,
      ReplicasPerNodeGroup: 1,
    });
    expect(created.ReplicationGroup?.ClusterEnabled).toBe(true);
  });
});

describe("default parameter groups", () => {
  it("refuses changing or deleting a default parameter group", async () => {
    const modify = await rejection(
      client.send(
        new ModifyCacheParameterGroupCommand({
          CacheParameterGroupName: "default.redis7",
          ParameterNameValues: [{ ParameterName: "timeout", ParameterValue: "10" }],
        }),
      ),
    );
    expect(modify).toBeInstanceOf(InvalidCacheParameterGroupStateFault);
    const remove = await rejection(
      client.send(
        new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: "default.redis7.cluster.on" }),
      ),
    );
    expect(remove).toBeInstanceOf(InvalidCacheParameterGroupStateFault);
  });
});

describe("access strings", () => {
  it("are checked at CreateUser and ModifyUser, naming the unknown category", async () => {
    const create = await rejection(
      client.send(
        new CreateUserCommand({
          UserId: "bogus-1",
          UserName: "bogus",
          Engine: "redis",
          AccessString: "on ~* +@bogus",
          NoPasswordRequired: true,
        }),
      ),
    );
    expect(create).toBeInstanceOf(InvalidParameterValueException);
    expect(create.message).toMatch(/"\+@bogus" names an unknown command category/);
    await client.send(
      new CreateUserCommand({
        UserId: "fine-1",
        UserName: "fine",
        Engine: "redis",
        AccessString: "on ~* +@read",
        NoPasswordRequired: true,
      }),
    );
    const modify = await rejection(
      client.send(new ModifyUserCommand({ UserId: "fine-1", AccessString: "on ~* +nosuchcommand" })),
    );
    expect(modify).toBeInstanceOf(InvalidParameterValueException);
  });
});
