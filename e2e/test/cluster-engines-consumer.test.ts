import {
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
  type Endpoint,
} from "@aws-sdk/client-elasticache";
import { startEmulator, type RunningEmulator } from "@elasticache-driver-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisClientConsumer } from "../src/index.js";
import type { RedisOutputs } from "../src/harness/sample-app-process.js";

const TOKEN = "consumer-token-0123456789";

/**
 * The node-redis consumer against the local ElastiCache endpoint's engines: cluster mode (one and
 * two shards) and serverless are Redis Clusters there as on AWS, so the consumer must connect as a
 * cluster-aware client; a cluster mode disabled group takes a plain one.
 */
describe("the node-redis consumer on the engines AWS runs", () => {
  let emulator: RunningEmulator;
  let client: ElastiCacheClient;

  beforeAll(async () => {
    emulator = await startEmulator({
      runtime: "process",
      delays: { createMs: 50, modifyMs: 50, deleteMs: 50 },
    });
    client = new ElastiCacheClient({
      endpoint: emulator.url,
      region: emulator.region,
      credentials: { accessKeyId: "AKIDCONSUMER", secretAccessKey: "secret" },
    });
  });
  afterAll(async () => {
    client?.destroy();
    await emulator?.close();
  });

  const outputsOf = (endpoint: Endpoint | undefined, password: string): RedisOutputs => ({
    values: {
      host: endpoint?.Address ?? "",
      port: endpoint?.Port ?? 0,
      tls: true,
      ca_certificate: emulator.caPem,
    },
    secrets: { username: "", password, url: "" },
  });

  async function groupEndpoint(id: string): Promise<Endpoint | undefined> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const group = (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id })))
        .ReplicationGroups?.[0];
      if (group?.Status === "available")
        return group.ConfigurationEndpoint ?? group.NodeGroups?.[0]?.PrimaryEndpoint;
      if (Date.now() > deadline) throw new Error(`${id} is still ${group?.Status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function visitTwice(outputs: RedisOutputs): Promise<string> {
    const started = await redisClientConsumer({ reach: "always" })(outputs, undefined);
    if ("skipped" in started) throw new Error(started.skipped);
    await using consumer = started;
    expect(await consumer.readiness()).toEqual({ ready: true });
    expect(await consumer.visit()).toBe(1);
    expect(await consumer.visit()).toBe(2);
    return consumer.description;
  }

  it.each([1, 2])("connects as a cluster client to cluster mode with %i shard(s)", async (shards) => {
    const id = `consumer-shards-${shards}`;
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: id,
        ReplicationGroupDescription: "cluster mode",
        CacheNodeType: "cache.t4g.micro",
        ClusterMode: "enabled",
        NumNodeGroups: shards,
        ReplicasPerNodeGroup: 1,
        AutomaticFailoverEnabled: true,
        TransitEncryptionEnabled: true,
        AuthToken: TOKEN,
      }),
    );
    expect(await visitTwice(outputsOf(await groupEndpoint(id), TOKEN))).toMatch(
      /^node-redis cluster client of rediss:/,
    );
  });

  it("connects as a cluster client to a serverless cache, and as a plain client to cluster mode disabled", async () => {
    await client.send(
      new CreateServerlessCacheCommand({ ServerlessCacheName: "consumer-sls", Engine: "valkey" }),
    );
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "consumer-plain",
        ReplicationGroupDescription: "cluster mode disabled",
        CacheNodeType: "cache.t4g.micro",
        TransitEncryptionEnabled: true,
        AuthToken: TOKEN,
      }),
    );
    const deadline = Date.now() + 30_000;
    let endpoint: Endpoint | undefined;
    while (endpoint === undefined) {
      const cache = (
        await client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: "consumer-sls" }))
      ).ServerlessCaches?.[0];
      if (cache?.Status === "available") endpoint = cache.Endpoint;
      else if (Date.now() > deadline) throw new Error(`consumer-sls is still ${cache?.Status}`);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await visitTwice(outputsOf(endpoint, ""))).toMatch(/^node-redis cluster client of rediss:/);
    expect(await visitTwice(outputsOf(await groupEndpoint("consumer-plain"), TOKEN))).toMatch(
      /^node-redis client of rediss:/,
    );
  });
});
