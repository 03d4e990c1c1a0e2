import { createHash, randomBytes } from "node:crypto";
import { DescribeReplicationGroupsCommand } from "@aws-sdk/client-elasticache";
import type { RunningEmulator } from "@elasticache-driver-kit/emulator";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisOutputs } from "../src/harness/sample-app-process.js";
import { HumanitecCaller, redisClientConsumer, startDriverProcess, type DriverAnswer } from "../src/index.js";
import {
  emulatorClient,
  repeatWhile202,
  startEmulatedCloud,
  type EmulatedCloud,
} from "./support/emulated-cloud.js";

const newGuresid = (head = "") => `${head}${randomBytes(20).toString("hex")}`.slice(0, 40);
const inputData = (values: Record<string, unknown>) => ({ type: "redis", driver: { values, secrets: {} } });
const statuses = (answers: DriverAnswer[]) => answers.map((answer) => answer.status);

interface Outputs {
  values: { host: string; port: number };
  secrets: { url: string; password: string };
}

/**
 * The provisioner against the local endpoint with AWS's tagging, replica and parameter-group rules:
 * every in-place change, replica count and cluster mode ends in 200 / 204 or a clear 400, and no
 * poll of the configuration being applied is answered 409.
 */
describe("the elasticache provisioner under AWS's rules, over the wire", () => {
  let cloud: EmulatedCloud;
  let emulator: RunningEmulator;
  let caller: HumanitecCaller;

  beforeAll(async () => {
    cloud = await startEmulatedCloud({
      delays: { createMs: 200, modifyMs: 200, deleteMs: 200 },
      faults: {
        createFailedPattern: "^hk-failbig",
        createFailedMessage: "Insufficient cache node capacity in us-east-1a for cache.t4g.micro.",
      },
    });
    emulator = cloud.emulator;
    caller = new HumanitecCaller({ driverUrl: cloud.driver.url });
  });
  afterAll(async () => {
    await cloud?.close();
  });

  /** PUTs until the answer is not 202; the statuses seen, which must hold no 409. */
  const apply = async (id: string, values: Record<string, unknown>) => {
    const answers = await repeatWhile202(() => caller.put(id, inputData(values)));
    expect(statuses(answers)).not.toContain(409);
    const last = answers.at(-1);
    if (last?.status !== 200) console.error(JSON.stringify(values), last?.text);
    return last;
  };
  const remove = async (id: string) => (await repeatWhile202(() => caller.delete(id))).at(-1)?.status;

  const V8 = { engine_version: "8.0" } as const;

  it("changes node type, eviction policy and password in place: 202 then 200, never 409", async () => {
    const id = newGuresid();
    expect((await apply(id, V8))?.status).toBe(200);
    expect((await apply(id, { ...V8, node_type: "cache.t4g.small" }))?.status).toBe(200);
    const policy = { ...V8, node_type: "cache.t4g.small", maxmemory_policy: "allkeys-lru" };
    expect((await apply(id, policy))?.status).toBe(200);
    const rotated = await apply(id, { ...policy, auth_generation: 1 });
    expect(rotated?.status).toBe(200);
    const outputs = (rotated?.body as { resource: Outputs }).resource;
    const client = createClient({
      url: outputs.secrets.url,
      socket: { reconnectStrategy: false, connectTimeout: 5_000, tls: true, ca: emulator.caPem },
    });
    client.on("error", () => undefined);
    await client.connect();
    // The rotated password works (AWS renames CONFIG away, so the policy is not read back here).
    expect(await client.ping()).toBe("PONG");
    client.destroy();
    expect(await remove(id)).toBe(204);
  });

  /** Whether `url` authenticates now: a fresh connection and a PING. */
  const connects = async (url: string): Promise<boolean> => {
    const client = createClient({
      url,
      socket: { reconnectStrategy: false, connectTimeout: 5_000, tls: true, ca: emulator.caPem },
    });
    client.on("error", () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === "PONG";
    } catch {
      return false;
    } finally {
      client.destroy();
    }
  };

  it("rotates an RBAC user's password in place: every 200 hands out a password that works at once, the old one works meanwhile", async () => {
    const id = newGuresid();
    const values = { ...V8, username: "app" };
    const created = await apply(id, values);
    expect(created?.status).toBe(200);
    const oldUrl = (created?.body as { resource: Outputs }).resource.secrets.url;
    expect(await connects(oldUrl)).toBe(true);
    const answers = await repeatWhile202(async () => {
      const answer = await caller.put(id, inputData({ ...values, auth_generation: 1 }));
      // Checked at once: a 200 must not hand out a password the user has not applied yet.
      const url =
        answer.status === 200 ? (answer.body as { resource: Outputs }).resource.secrets.url : oldUrl;
      expect(await connects(url), `${answer.status} handed out a password that does not work`).toBe(true);
      return answer;
    });
    expect(statuses(answers)).not.toContain(409);
    const rotated = (answers.at(-1)?.body as { resource: Outputs }).resource.secrets;
    expect(rotated.url).not.toBe(oldUrl);
    expect(await remove(id)).toBe(204);
  });

  it("goes from 1 replica to 0 and back to 1, and deletes", async () => {
    const id = newGuresid();
    expect((await apply(id, { replicas: 1 }))?.status).toBe(200);
    expect((await apply(id, { replicas: 0 }))?.status).toBe(200);
    expect((await apply(id, { replicas: 1 }))?.status).toBe(200);
    expect((await apply(id, { replicas: 0 }))?.status).toBe(200);
    expect(await remove(id)).toBe(204);
  });

  it("sets an eviction policy on a group of the engine's default version (its family from a member cluster)", async () => {
    const id = newGuresid();
    expect((await apply(id, {}))?.status).toBe(200);
    expect((await apply(id, { maxmemory_policy: "allkeys-lfu" }))?.status).toBe(200);
    expect((await apply(id, { maxmemory_policy: "noeviction" }))?.status).toBe(200);
    expect(await remove(id)).toBe(204);
  });

  it.each([
    [1, {}],
    [2, {}],
    [1, V8],
    [2, { ...V8, maxmemory_policy: "allkeys-lru" }],
  ])("cluster mode with %i shard(s) is cluster mode (%j)", async (shards, values) => {
    const id = newGuresid();
    const ready = await apply(id, { ...values, mode: "cluster", shards });
    expect(ready?.status, ready?.text).toBe(200);
    const aws = emulatorClient(emulator);
    try {
      const { ReplicationGroups = [] } = await aws.send(new DescribeReplicationGroupsCommand({}));
      const host = (ready?.body as { resource: Outputs }).resource.values.host;
      const group = ReplicationGroups.find((g) => g.ConfigurationEndpoint?.Address === host);
      expect(group).toMatchObject({ ClusterEnabled: true });
      expect(group?.NodeGroups).toHaveLength(shards);
    } finally {
      aws.destroy();
    }
    // An application connects with only the outputs (and the endpoint's CA, as AWS's is public):
    // the engines are a Redis Cluster, so it takes a cluster-aware client.
    const outputs = (ready?.body as { resource: RedisOutputs }).resource;
    const started = await redisClientConsumer({ reach: "always" })(
      { ...outputs, values: { ...outputs.values, ca_certificate: emulator.caPem } },
      undefined,
    );
    if ("skipped" in started) throw new Error(started.skipped);
    {
      await using consumer = started;
      expect(consumer.description).toMatch(/^node-redis cluster client of rediss:/);
      expect(await consumer.visit()).toBe(1);
      expect(await consumer.visit()).toBe(2);
    }
    expect(await remove(id)).toBe(204);
  });

  it("refuses 40 user tags with 64-character keys with 400 RES-101 before any cloud call", async () => {
    const aws = emulatorClient(emulator);
    const groups = async () =>
      (await aws.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups?.length;
    try {
      const before = await groups();
      const tags = Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [createHash("sha256").update(String(i)).digest("hex"), "v"]),
      );
      const answer = await caller.put(newGuresid(), inputData({ tags }));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        error: "RES-101",
        message: expect.stringContaining("AWS allows 50"),
      });
      expect(await groups()).toBe(before);
    } finally {
      aws.destroy();
    }
  });

  it("a create-failed cache with inputs too large for its description is deleted by a restarted driver", async () => {
    const id = newGuresid("failbig");
    const tags = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [
        `team-${i}`,
        createHash("sha256").update(String(i)).digest("hex"),
      ]),
    );
    const failed = (await repeatWhile202(() => caller.put(id, inputData({ tags })))).at(-1);
    expect(failed?.status).toBe(400);
    expect(failed?.body).toMatchObject({ error: "RES-111" });
    const restarted = await startDriverProcess({
      ...emulator.env,
      DRIVER_PROVISIONER: "elasticache",
      DRIVER_SECRET_KEY: randomBytes(32).toString("hex"),
      ELASTICACHE_SUBNET_GROUP: "default",
      DRIVER_STATUS_CACHE_MS: "100",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    try {
      const other = new HumanitecCaller({ driverUrl: restarted.url });
      const deleted = await repeatWhile202(() => other.delete(id));
      expect(deleted.at(-1)?.status).toBe(204);
    } finally {
      await restarted.close();
    }
  });
});
