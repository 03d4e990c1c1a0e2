import {
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  CreateUserCommand,
  DecreaseReplicaCountCommand,
  IncreaseReplicaCountCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
  InvalidParameterValueException,
  type ReplicationGroup,
  type ServerlessCache,
} from "@aws-sdk/client-elasticache";
import { createCluster } from "redis";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { pollUntil } from "./support/poll.js";
import { connectRedis } from "./support/redis-client.js";
import { runtimeUnderTest, startTestEmulator } from "./support/test-emulator.js";

const emulator = await startTestEmulator();
const client = new ElastiCacheClient({
  endpoint: emulator.url,
  region: emulator.region,
  credentials: { accessKeyId: "AKIDENGINES", secretAccessKey: "secret" },
  maxAttempts: 1,
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

const TOKEN = "engines-token-0123456789";

async function availableGroup(id: string): Promise<ReplicationGroup> {
  return pollUntil(
    async () =>
      (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id })))
        .ReplicationGroups?.[0] ?? {},
    (group) => group.Status === "available",
  );
}

async function availableServerless(name: string): Promise<ServerlessCache> {
  return pollUntil(
    async () =>
      (await client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: name })))
        .ServerlessCaches?.[0] ?? {},
    (cache) => cache.Status === "available",
  );
}

/** A cluster-aware node-redis client, as an application connects to cluster mode on AWS. */
function clusterClient(host: string, port: number, password: string, username?: string) {
  const socket = {
    host,
    port,
    tls: true as const,
    ca: emulator.caPem,
    connectTimeout: 3_000,
    reconnectStrategy: false as const,
  };
  const cluster = createCluster({
    rootNodes: [{ socket }],
    defaults: {
      socket: { tls: true, ca: emulator.caPem, connectTimeout: 3_000, reconnectStrategy: false },
      password,
      ...(username !== undefined ? { username } : {}),
    },
  });
  cluster.on("error", () => undefined);
  return cluster;
}

describe("engines as AWS runs them", () => {
  beforeEach((context) => {
    if (runtimeUnderTest === "container")
      context.skip("the container runtime runs one standalone engine per cache (see the README)");
  });

  it("runs cluster mode as a Redis Cluster: slots per shard, CROSSSLOT, no SELECT, a cluster-aware client works", async () => {
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "sharded",
        ReplicationGroupDescription: "two shards",
        CacheNodeType: "cache.t4g.micro",
        NumNodeGroups: 2,
        ReplicasPerNodeGroup: 1,
        AutomaticFailoverEnabled: true,
        TransitEncryptionEnabled: true,
        AuthToken: TOKEN,
      }),
    );
    const group = await availableGroup("sharded");
    const configuration = group.ConfigurationEndpoint;
    expect(group.NodeGroups?.map((shard) => shard.Slots)).toEqual(["0-8191", "8192-16383"]);
    {
      await using redis = await connectRedis({
        host: configuration?.Address ?? "",
        port: configuration?.Port ?? 0,
        ca: emulator.caPem,
        password: TOKEN,
      });
      const slots = (await redis.sendCommand(["CLUSTER", "SLOTS"])) as [
        number,
        number,
        [string, number],
        ...[string, number][],
      ][];
      const ranges = slots.map(([from, to, primary, ...replicas]) => ({
        range: `${from}-${to}`,
        ports: [primary[1], ...replicas.map((replica) => replica[1])],
      }));
      // Every node CLUSTER SLOTS names is one the API reports: the nodes are the engines themselves.
      const described = group.NodeGroups?.flatMap((shard) => shard.NodeGroupMembers ?? []) ?? [];
      expect(described).toHaveLength(4);
      expect(ranges.map((entry) => entry.range).sort()).toEqual(["0-8191", "8192-16383"]);
      expect(ranges.map((entry) => entry.ports.length)).toEqual([2, 2]);
      expect(ranges.map((entry) => entry.ports[0])).toContain(configuration?.Port);
      await expect(redis.sendCommand(["SELECT", "1"])).rejects.toThrow(
        /SELECT is not allowed in cluster mode/,
      );
      await expect(redis.sendCommand(["MSET", "a", "1", "b", "2"])).rejects.toThrow(/CROSSSLOT/);
    }
    const cluster = clusterClient(configuration?.Address ?? "", configuration?.Port ?? 0, TOKEN);
    await cluster.connect();
    try {
      for (let index = 0; index < 20; index += 1) await cluster.set(`key-${index}`, String(index));
      for (let index = 0; index < 20; index += 1)
        expect(await cluster.get(`key-${index}`)).toBe(String(index));
      expect(cluster.masters.length).toBe(2);
    } finally {
      cluster.destroy();
    }
  });

  it("runs replicas as real replicas: the reader endpoint serves the primary's writes and refuses its own", async () => {
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "replicated",
        ReplicationGroupDescription: "primary and replica",
        CacheNodeType: "cache.t4g.micro",
        NumCacheClusters: 2,
        TransitEncryptionEnabled: true,
        AuthToken: TOKEN,
      }),
    );
    const shard = (await availableGroup("replicated")).NodeGroups?.[0];
    const primary = shard?.PrimaryEndpoint;
    const reader = shard?.ReaderEndpoint;
    expect(reader?.Port).not.toBe(primary?.Port);
    await using writer = await connectRedis({
      host: primary?.Address ?? "",
      port: primary?.Port ?? 0,
      ca: emulator.caPem,
      password: TOKEN,
    });
    await using replica = await connectRedis({
      host: reader?.Address ?? "",
      port: reader?.Port ?? 0,
      ca: emulator.caPem,
      password: TOKEN,
    });
    await writer.set("greeting", "hello");
    await pollUntil(
      () => replica.get("greeting"),
      (value) => value === "hello",
    );
    await expect(replica.set("greeting", "other")).rejects.toThrow(/READONLY/);
  });

  it("starts and stops real replicas when the replica count changes", async () => {
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "resized",
        ReplicationGroupDescription: "replicas come and go",
        CacheNodeType: "cache.t4g.micro",
        ClusterMode: "enabled",
        NumNodeGroups: 1,
        ReplicasPerNodeGroup: 0,
        AutomaticFailoverEnabled: true,
        TransitEncryptionEnabled: true,
        AuthToken: TOKEN,
      }),
    );
    const configuration = (await availableGroup("resized")).ConfigurationEndpoint;
    await using redis = await connectRedis({
      host: configuration?.Address ?? "",
      port: configuration?.Port ?? 0,
      ca: emulator.caPem,
      password: TOKEN,
    });
    const nodesPerRange = async () =>
      ((await redis.sendCommand(["CLUSTER", "SLOTS"])) as unknown[][]).map((entry) => entry.length - 2);
    expect(await nodesPerRange()).toEqual([1]);
    await client.send(
      new IncreaseReplicaCountCommand({
        ReplicationGroupId: "resized",
        NewReplicaCount: 2,
        ApplyImmediately: true,
      }),
    );
    await availableGroup("resized");
    expect(await nodesPerRange()).toEqual([3]);
    await client.send(
      new DecreaseReplicaCountCommand({
        ReplicationGroupId: "resized",
        NewReplicaCount: 1,
        ApplyImmediately: true,
      }),
    );
    await availableGroup("resized");
    expect(await nodesPerRange()).toEqual([2]);
  });

  it("runs serverless as a one-shard cluster with a reader port, behind a cluster-aware client", async () => {
    await client.send(
      new CreateServerlessCacheCommand({ ServerlessCacheName: "clustered-sls", Engine: "valkey" }),
    );
    const cache = await availableServerless("clustered-sls");
    const endpoint = cache.Endpoint;
    const cluster = createCluster({
      rootNodes: [
        {
          socket: {
            host: endpoint?.Address ?? "",
            port: endpoint?.Port ?? 0,
            tls: true,
            ca: emulator.caPem,
            reconnectStrategy: false,
          },
        },
      ],
      defaults: { socket: { tls: true, ca: emulator.caPem, reconnectStrategy: false } },
    });
    cluster.on("error", () => undefined);
    await cluster.connect();
    try {
      await cluster.set("{user:1}:name", "ada");
      expect(await cluster.get("{user:1}:name")).toBe("ada");
    } finally {
      cluster.destroy();
    }
    await using reader = await connectRedis({
      host: cache.ReaderEndpoint?.Address ?? "",
      port: cache.ReaderEndpoint?.Port ?? 0,
      ca: emulator.caPem,
    });
    await reader.sendCommand(["READONLY"]);
    await pollUntil(
      () => reader.get("{user:1}:name"),
      (value) => value === "ada",
    );
  });
});

describe("AWS's restricted commands", () => {
  it("are unknown to every user, the endpoint's own user stays out of sight, and access strings cannot name them", async () => {
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "restricted",
        ReplicationGroupDescription: "restricted commands",
        CacheNodeType: "cache.t4g.micro",
        TransitEncryptionEnabled: true,
        AuthToken: TOKEN,
      }),
    );
    const primary = (await availableGroup("restricted")).NodeGroups?.[0]?.PrimaryEndpoint;
    await using redis = await connectRedis({
      host: primary?.Address ?? "",
      port: primary?.Port ?? 0,
      ca: emulator.caPem,
      password: TOKEN,
    });
    for (const command of [
      ["CONFIG", "GET", "maxmemory"],
      ["BGREWRITEAOF"],
      ["BGSAVE"],
      ["DEBUG", "SLEEP", "0"],
      ["MIGRATE", "127.0.0.1", "1", "k", "0", "1"],
      ["REPLICAOF", "NO", "ONE"],
      ["SAVE"],
      ["SLAVEOF", "NO", "ONE"],
      ["SHUTDOWN"],
      ["SYNC"],
    ]) {
      await expect(redis.sendCommand(command), command[0]).rejects.toThrow(/unknown command/);
    }
    expect(await redis.sendCommand(["ACL", "WHOAMI"])).toBe("default");
    await expect(redis.sendCommand(["ACL", "LIST"])).rejects.toThrow(/NOPERM/);
    await expect(redis.sendCommand(["ACL", "SETUSER", "intruder", "on", "nopass", "+@all"])).rejects.toThrow(
      /NOPERM/,
    );
    await expect(redis.sendCommand(["CLUSTER", "INFO"])).rejects.toThrow(/cluster support disabled/);

    const refused = await client
      .send(
        new CreateUserCommand({
          UserId: "configurer",
          UserName: "configurer",
          Engine: "redis",
          AccessString: "on ~* +@all +config",
          NoPasswordRequired: true,
        }),
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(InvalidParameterValueException);
  });
});
