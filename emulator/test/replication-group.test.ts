import {
  CreateReplicationGroupCommand,
  DeleteReplicationGroupCommand,
  DeleteSnapshotCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeReplicationGroupsCommand,
  DescribeSnapshotsCommand,
  ElastiCacheClient,
  InvalidParameterCombinationException,
  ListTagsForResourceCommand,
  ModifyReplicationGroupCommand,
  ReplicationGroupNotFoundFault,
  type ReplicationGroup,
} from "@aws-sdk/client-elasticache";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pollUntil } from "./support/poll.js";
import { connectionError, connectRedis } from "./support/redis-client.js";
import { startTestEmulator } from "./support/test-emulator.js";

const emulator = await startTestEmulator();
let client: ElastiCacheClient;

beforeAll(() => {
  // The SDK finds the endpoint the standard way, from the environment, as any AWS client would.
  for (const [name, value] of Object.entries(emulator.env)) vi.stubEnv(name, value);
  client = new ElastiCacheClient({});
});

afterAll(async () => {
  client.destroy();
  vi.unstubAllEnvs();
  await emulator.close();
});

const describeGroup = async (id: string): Promise<ReplicationGroup> => {
  const { ReplicationGroups } = await client.send(
    new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }),
  );
  const group = ReplicationGroups?.[0];
  if (!group) throw new Error(`no replication group ${id} in the answer`);
  return group;
};

const untilStatus = (id: string, status: string) =>
  pollUntil(
    () => describeGroup(id),
    (group) => group.Status === status,
  );

const TOKEN_A = "first-token-0123456789";
const TOKEN_B = "second-token-0123456789";
const TOKEN_C = "third-token-0123456789";

describe("a replication group with TLS and an AUTH token, through AWS_ENDPOINT_URL_ELASTICACHE", () => {
  it("is created, serves SET/GET over TLS with the token, rotates, and is deleted with a final snapshot", async () => {
    const created = await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "Orders-Cache",
        ReplicationGroupDescription: "orders",
        Engine: "valkey",
        CacheNodeType: "cache.t4g.micro",
        TransitEncryptionEnabled: true,
        AuthToken: TOKEN_A,
        Tags: [
          { Key: "managed-by", Value: "elasticache-driver-kit" },
          { Key: "guresid", Value: "g-1" },
        ],
      }),
    );
    expect(created.ReplicationGroup).toMatchObject({
      ReplicationGroupId: "orders-cache",
      Status: "creating",
      TransitEncryptionEnabled: true,
      AuthTokenEnabled: true,
      ClusterEnabled: false,
      ARN: `arn:aws:elasticache:${emulator.region}:000000000000:replicationgroup:orders-cache`,
    });

    const available = await untilStatus("orders-cache", "available");
    const endpoint = available.NodeGroups?.[0]?.PrimaryEndpoint;
    expect(endpoint?.Address).toMatch(/^(127\.0\.0\.1|localhost)$/);
    expect(available.NodeGroups?.[0]?.ReaderEndpoint).toEqual(endpoint);
    const target = { host: endpoint?.Address ?? "", port: endpoint?.Port ?? 0, ca: emulator.caPem };

    const tags = await client.send(new ListTagsForResourceCommand({ ResourceName: available.ARN }));
    expect(tags.TagList).toEqual([
      { Key: "managed-by", Value: "elasticache-driver-kit" },
      { Key: "guresid", Value: "g-1" },
    ]);

    {
      await using redis = await connectRedis({ ...target, password: TOKEN_A });
      await redis.set("orders:1", "42");
      expect(await redis.get("orders:1")).toBe("42");
    }
    expect((await connectionError({ ...target, password: TOKEN_B })).message).toMatch(/WRONGPASS|invalid/i);
    expect((await connectionError(target)).message).toMatch(/NOAUTH/);

    // SET replaces a token only after a ROTATE, as AWS documents.
    const setFirst = await client
      .send(
        new ModifyReplicationGroupCommand({
          ReplicationGroupId: "orders-cache",
          AuthToken: TOKEN_B,
          AuthTokenUpdateStrategy: "SET",
          ApplyImmediately: true,
        }),
      )
      .catch((error: unknown) => error);
    expect(setFirst).toBeInstanceOf(InvalidParameterCombinationException);
    expect((setFirst as Error).message).toMatch(/only after ROTATE/);

    // ROTATE: the old and the new token both work.
    const rotating = await client.send(
      new ModifyReplicationGroupCommand({
        ReplicationGroupId: "orders-cache",
        AuthToken: TOKEN_B,
        AuthTokenUpdateStrategy: "ROTATE",
        ApplyImmediately: true,
      }),
    );
    expect(rotating.ReplicationGroup).toMatchObject({
      Status: "modifying",
      PendingModifiedValues: { AuthTokenStatus: "ROTATING" },
    });
    await untilStatus("orders-cache", "available");
    for (const password of [TOKEN_A, TOKEN_B]) {
      await using redis = await connectRedis({ ...target, password });
      expect(await redis.get("orders:1")).toBe("42");
    }

    // SET after ROTATE: only the new token is left.
    await client.send(
      new ModifyReplicationGroupCommand({
        ReplicationGroupId: "orders-cache",
        AuthToken: TOKEN_C,
        AuthTokenUpdateStrategy: "SET",
        ApplyImmediately: true,
      }),
    );
    await untilStatus("orders-cache", "available");
    for (const old of [TOKEN_A, TOKEN_B]) {
      expect((await connectionError({ ...target, password: old })).message).toMatch(/WRONGPASS|invalid/i);
    }
    {
      await using redis = await connectRedis({ ...target, password: TOKEN_C });
      expect(await redis.get("orders:1")).toBe("42");
    }

    const deleting = await client.send(
      new DeleteReplicationGroupCommand({
        ReplicationGroupId: "orders-cache",
        FinalSnapshotIdentifier: "orders-final",
      }),
    );
    expect(deleting.ReplicationGroup?.Status).toBe("deleting");
    const gone = await pollUntil(
      () =>
        describeGroup("orders-cache").then(
          () => undefined,
          (error: unknown) => error,
        ),
      (error) => error !== undefined,
    );
    expect(gone).toBeInstanceOf(ReplicationGroupNotFoundFault);
    expect((gone as ReplicationGroupNotFoundFault).$metadata.httpStatusCode).toBe(404);

    const { Snapshots } = await client.send(
      new DescribeSnapshotsCommand({ ReplicationGroupId: "orders-cache" }),
    );
    expect(Snapshots).toEqual([
      expect.objectContaining({
        SnapshotName: "orders-final",
        SnapshotStatus: "available",
        Engine: "valkey",
      }),
    ]);
    const deletedSnapshot = await client.send(new DeleteSnapshotCommand({ SnapshotName: "orders-final" }));
    expect(deletedSnapshot.Snapshot?.SnapshotStatus).toBe("deleting");
  });
});

describe("an explicitly configured endpoint", () => {
  it("answers the same API, with the default subnet group in place", async () => {
    const explicit = new ElastiCacheClient({
      endpoint: emulator.url,
      region: emulator.region,
      credentials: { accessKeyId: "explicit-key", secretAccessKey: "explicit-secret" },
    });
    try {
      const { CacheSubnetGroups } = await explicit.send(new DescribeCacheSubnetGroupsCommand({}));
      expect(CacheSubnetGroups?.map((group) => group.CacheSubnetGroupName)).toEqual(["default"]);
      expect(CacheSubnetGroups?.[0]?.Subnets?.length).toBeGreaterThan(0);
    } finally {
      explicit.destroy();
    }
  });
});
