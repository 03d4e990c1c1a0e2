import { setTimeout as sleep } from "node:timers/promises";
import {
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
  ModifyReplicationGroupCommand,
  type Endpoint,
} from "@aws-sdk/client-elasticache";
import { startEmulator, type RunningEmulator } from "@elasticache-driver-kit/emulator";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleAppClient, type SampleAppClient } from "../src/index.js";
import {
  envFromOutputs,
  startSampleAppProcess,
  type RedisOutputs,
  type SampleAppProcess,
} from "../src/harness/sample-app-process.js";

const TOKEN = "sample-app-token-0123456789";
const NEW_TOKEN = "sample-app-token-rotated-9876543210";
/** Enough keys that, spread by hash slot, both shards of a two-shard cluster get some. */
const KEYS = Array.from({ length: 16 }, (_, index) => `key-${index}`);

/**
 * The sample app, as its own process with only what the driver's outputs carry, against the local
 * ElastiCache endpoint's cluster engines: a two-shard cluster-mode group and a serverless cache are
 * Redis Clusters there as on AWS (MOVED across shards, CROSSSLOT, no SELECT), so the app must find
 * out on its own that it needs a cluster-aware client, and then count and store keys on every shard.
 */
describe("the sample app on cluster-mode and serverless caches", () => {
  let emulator: RunningEmulator;
  let aws: ElastiCacheClient;
  const apps: SampleAppProcess[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({
      runtime: "process",
      delays: { createMs: 50, modifyMs: 50, deleteMs: 50 },
    });
    aws = new ElastiCacheClient({
      endpoint: emulator.url,
      region: emulator.region,
      credentials: { accessKeyId: "AKIDSAMPLEAPP", secretAccessKey: "secret" },
    });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    aws?.destroy();
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

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  const availableGroup = (id: string) =>
    until(`${id} available`, async () => {
      const { ReplicationGroups } = await aws.send(
        new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }),
      );
      const group = ReplicationGroups?.[0];
      return group?.Status === "available" ? group : undefined;
    });

  async function startApp(outputs: RedisOutputs): Promise<SampleAppClient> {
    const app = await startSampleAppProcess({ ...envFromOutputs(outputs), SHUTDOWN_TIMEOUT_MS: "5000" });
    apps.push(app);
    const client = sampleAppClient(app.url);
    // Ready only once the app asked INFO cluster, switched clients and reached every shard.
    await until("the sample app ready", async () => ((await client.readiness()).ready ? true : undefined));
    return client;
  }

  /** Masters of the cluster as CLUSTER SLOTS names them, with how many keys each one holds. */
  async function keysPerShard(outputs: RedisOutputs): Promise<number[]> {
    const connect = async (host: string, port: number) => {
      const client = createClient({
        socket: { host, port, tls: true, ca: emulator.caPem, reconnectStrategy: false },
        ...(outputs.secrets.password ? { password: outputs.secrets.password } : {}),
      });
      client.on("error", () => {});
      await client.connect();
      return client;
    };
    const root = await connect(outputs.values.host, outputs.values.port);
    try {
      const slots = (await root.sendCommand(["CLUSTER", "SLOTS"])) as Array<
        [number, number, [string, number]]
      >;
      const masters = [
        ...new Map(slots.map(([, , [host, port]]) => [`${host}:${port}`, { host, port }])).values(),
      ];
      return await Promise.all(
        masters.map(async ({ host, port }) => {
          const node = await connect(host, port);
          try {
            return await node.dbSize();
          } finally {
            node.destroy();
          }
        }),
      );
    } finally {
      root.destroy();
    }
  }

  async function countsAndStores(app: SampleAppClient): Promise<void> {
    const status = await app.request("GET", "/api/status");
    expect(status.body).toMatchObject({ client: "cluster", connection: { state: "connected" } });
    for (const expected of [1, 2, 3]) expect(await app.visit()).toBe(expected);
    for (const key of KEYS) {
      expect(
        await app.request("PUT", `/api/keys/${key}`, undefined, { value: `value of ${key}` }),
      ).toMatchObject({
        status: 200,
      });
    }
    for (const key of KEYS) {
      expect(await app.request("GET", `/api/keys/${key}`)).toEqual({
        status: 200,
        body: { key, value: `value of ${key}` },
      });
    }
  }

  it("cluster mode with 2 shards: the app switches to a cluster client, writes to both shards, counts across a token rotation", async () => {
    const id = "app-shards-2";
    await aws.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: id,
        ReplicationGroupDescription: "cluster mode, two shards",
        CacheNodeType: "cache.t4g.micro",
        ClusterMode: "enabled",
        NumNodeGroups: 2,
        ReplicasPerNodeGroup: 1,
        AutomaticFailoverEnabled: true,
        TransitEncryptionEnabled: true,
        AuthToken: TOKEN,
      }),
    );
    const group = await availableGroup(id);
    expect(group.NodeGroups).toHaveLength(2);
    const outputs = outputsOf(group.ConfigurationEndpoint, TOKEN);
    const app = await startApp(outputs);
    await countsAndStores(app);

    // Every key the app wrote (16 keys and the counter) is on the shard owning its slot: both hold some.
    const perShard = await keysPerShard(outputs);
    expect(perShard).toHaveLength(2);
    expect(perShard.every((count) => count > 0)).toBe(true);
    expect(perShard.reduce((sum, count) => sum + count, 0)).toBe(KEYS.length + 1);

    // ROTATE adds a token and keeps the old one: the running app (old token) keeps counting, and an
    // app started with the new token counts on the same counter.
    await aws.send(
      new ModifyReplicationGroupCommand({
        ReplicationGroupId: id,
        AuthToken: NEW_TOKEN,
        AuthTokenUpdateStrategy: "ROTATE",
        ApplyImmediately: true,
      }),
    );
    await availableGroup(id);
    expect(await app.visit()).toBe(4);
    const rotated = await startApp({ ...outputs, secrets: { ...outputs.secrets, password: NEW_TOKEN } });
    expect(await rotated.visit()).toBe(5);
    expect(await app.visit()).toBe(6);
  });

  it("serverless: the app connects as a cluster client and counts; SIGTERM stops it cleanly", async () => {
    await aws.send(new CreateServerlessCacheCommand({ ServerlessCacheName: "app-sls", Engine: "valkey" }));
    const endpoint = await until("app-sls available", async () => {
      const { ServerlessCaches } = await aws.send(
        new DescribeServerlessCachesCommand({ ServerlessCacheName: "app-sls" }),
      );
      const cache = ServerlessCaches?.[0];
      return cache?.Status === "available" ? cache.Endpoint : undefined;
    });
    const outputs = outputsOf(endpoint, "");
    const app = await startApp(outputs);
    await countsAndStores(app);
    const perShard = await keysPerShard(outputs);
    expect(perShard.reduce((sum, count) => sum + count, 0)).toBe(KEYS.length + 1);

    const process = apps.at(-1);
    expect(await process?.close()).toBe(0);
    expect(process?.output()).toContain('"msg":"stopped"');
  });
});
