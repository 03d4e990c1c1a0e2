import {
  CreateCacheParameterGroupCommand,
  CreateReplicationGroupCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
  DecreaseReplicaCountCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  DescribeUserGroupsCommand,
  ElastiCacheClient,
  IncreaseReplicaCountCommand,
  InvalidParameterCombinationException,
  ModifyCacheParameterGroupCommand,
  ModifyReplicationGroupCommand,
  type ReplicationGroup,
} from "@aws-sdk/client-elasticache";
import { afterAll, describe, expect, it } from "vitest";
import { pollUntil } from "./support/poll.js";
import { connectionError, connectRedis } from "./support/redis-client.js";
import { startTestEmulator } from "./support/test-emulator.js";

const emulator = await startTestEmulator();
const client = new ElastiCacheClient({
  endpoint: emulator.url,
  region: emulator.region,
  credentials: { accessKeyId: "AKIDSHAPES", secretAccessKey: "secret" },
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

const describeGroup = async (id: string): Promise<ReplicationGroup> => {
  const group = (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id })))
    .ReplicationGroups?.[0];
  if (!group) throw new Error(`no replication group ${id}`);
  return group;
};
const untilAvailable = (id: string) =>
  pollUntil(
    () => describeGroup(id),
    (group) => group.Status === "available",
  );

describe("replication group shapes", () => {
  it("reports a cluster mode group's configuration endpoint, shards and replica changes", async () => {
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "sharded",
        ReplicationGroupDescription: "sharded",
        CacheNodeType: "cache.r7g.large",
        Engine: "redis",
        EngineVersion: "7.1",
        ClusterMode: "enabled",
        NumNodeGroups: 2,
        ReplicasPerNodeGroup: 1,
        AutomaticFailoverEnabled: true,
      }),
    );
    const group = await untilAvailable("sharded");
    expect(group).toMatchObject({
      ClusterEnabled: true,
      ClusterMode: "enabled",
      AutomaticFailover: "enabled",
    });
    expect(group.ConfigurationEndpoint?.Address).toMatch(/^(127\.0\.0\.1|localhost)$/);
    expect(group.NodeGroups?.map((shard) => [shard.NodeGroupId, shard.Slots])).toEqual([
      ["0001", "0-8191"],
      ["0002", "8192-16383"],
    ]);
    expect(group.MemberClusters).toEqual([
      "sharded-0001-001",
      "sharded-0001-002",
      "sharded-0002-001",
      "sharded-0002-002",
    ]);
    await using redis = await connectRedis({
      host: group.ConfigurationEndpoint?.Address ?? "",
      port: group.ConfigurationEndpoint?.Port ?? 0,
    });
    expect(await redis.ping()).toBe("PONG");

    await client.send(
      new IncreaseReplicaCountCommand({
        ReplicationGroupId: "sharded",
        NewReplicaCount: 3,
        ApplyImmediately: true,
      }),
    );
    expect((await untilAvailable("sharded")).MemberClusters).toHaveLength(8);
    await client.send(
      new DecreaseReplicaCountCommand({
        ReplicationGroupId: "sharded",
        ReplicasToRemove: ["sharded-0001-004"],
        ApplyImmediately: true,
      }),
    );
    expect((await untilAvailable("sharded")).NodeGroups?.[0]?.NodeGroupMembers).toHaveLength(3);
    const { Events } = await client.send(
      new DescribeEventsCommand({ SourceType: "replication-group", SourceIdentifier: "sharded" }),
    );
    expect(Events?.map((event) => event.Message)).toContainEqual(
      expect.stringMatching(
        /^Replication group sharded created \(redis 7\.1 requested; its engines run Redis OSS \d/,
      ),
    );
  });

  it("moves from AUTH to RBAC, and applies its parameter group to the engine", async () => {
    await client.send(
      new CreateCacheParameterGroupCommand({
        CacheParameterGroupName: "allkeys",
        CacheParameterGroupFamily: "valkey8",
        Description: "allkeys-lru",
      }),
    );
    await client.send(
      new ModifyCacheParameterGroupCommand({
        CacheParameterGroupName: "allkeys",
        ParameterNameValues: [{ ParameterName: "maxmemory-policy", ParameterValue: "allkeys-lru" }],
      }),
    );
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "shared-cache",
        ReplicationGroupDescription: "shared",
        CacheNodeType: "cache.t4g.micro",
        Engine: "valkey",
        EngineVersion: "8.0",
        CacheParameterGroupName: "allkeys",
        NumCacheClusters: 2,
        TransitEncryptionEnabled: true,
        AuthToken: "shared-token-0123456789",
      }),
    );
    const group = await untilAvailable("shared-cache");
    const endpoint = group.NodeGroups?.[0]?.PrimaryEndpoint;
    const target = { host: endpoint?.Address ?? "", port: endpoint?.Port ?? 0, ca: emulator.caPem };
    {
      await using redis = await connectRedis({ ...target, password: "shared-token-0123456789" });
      // CONFIG is restricted as on AWS; INFO reports the policy the parameter group set.
      expect(await redis.info("memory")).toMatch(/maxmemory_policy:allkeys-lru/);
    }

    await client.send(
      new CreateUserCommand({
        UserId: "tenant-a",
        UserName: "tenant-a",
        Engine: "valkey",
        AccessString: "on ~tenant-a:* +@all",
        Passwords: ["tenant-a-password-01"],
      }),
    );
    await client.send(
      new CreateUserGroupCommand({ UserGroupId: "tenants", Engine: "valkey", UserIds: ["tenant-a"] }),
    );
    await pollUntil(
      async () =>
        (await client.send(new DescribeUserGroupsCommand({ UserGroupId: "tenants" }))).UserGroups?.[0],
      (found) => found?.Status === "active",
    );
    const withoutDelete = await client
      .send(
        new ModifyReplicationGroupCommand({
          ReplicationGroupId: "shared-cache",
          UserGroupIdsToAdd: ["tenants"],
        }),
      )
      .catch((error: unknown) => error);
    expect(withoutDelete).toBeInstanceOf(InvalidParameterCombinationException);

    const moving = await client.send(
      new ModifyReplicationGroupCommand({
        ReplicationGroupId: "shared-cache",
        UserGroupIdsToAdd: ["tenants"],
        AuthTokenUpdateStrategy: "DELETE",
        ApplyImmediately: true,
      }),
    );
    expect(moving.ReplicationGroup?.PendingModifiedValues?.UserGroups?.UserGroupIdsToAdd).toEqual([
      "tenants",
    ]);
    const rbac = await untilAvailable("shared-cache");
    expect(rbac).toMatchObject({ UserGroupIds: ["tenants"], AuthTokenEnabled: false });
    expect((await connectionError({ ...target, password: "shared-token-0123456789" })).message).toMatch(
      /WRONGPASS|NOAUTH|disabled/i,
    );
    await using tenant = await connectRedis({
      ...target,
      username: "tenant-a",
      password: "tenant-a-password-01",
    });
    await tenant.set("tenant-a:k", "v");
    await expect(tenant.set("tenant-b:k", "v")).rejects.toThrow(/NOPERM/);
  });
});
