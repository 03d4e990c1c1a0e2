import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { DescribeServerlessCachesCommand } from "@aws-sdk/client-elasticache";
import type { RunningEmulator } from "@elasticache-driver-kit/emulator";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HumanitecCaller } from "../src/index.js";
import {
  createSharedCache,
  emulatorClient,
  repeatWhile202,
  startEmulatedCloud,
  type EmulatedCloud,
} from "./support/emulated-cloud.js";

const newGuresid = (head = "") => `${head}${randomBytes(20).toString("hex")}`.slice(0, 40);
const inputData = (values: Record<string, unknown>) => ({ type: "redis", driver: { values, secrets: {} } });

interface Outputs {
  values: { host: string; port: number; key_prefix?: string };
  secrets: { username: string; password: string; url: string };
}

describe("the elasticache provisioner over the wire: shared caches, rotation, faults", () => {
  let cloud: EmulatedCloud;
  let emulator: RunningEmulator;
  let caller: HumanitecCaller;

  beforeAll(async () => {
    cloud = await startEmulatedCloud({
      delays: { createMs: 200, modifyMs: 200, deleteMs: 200 },
      faults: {
        createFailedPattern: "^hk-failcase",
        createFailedMessage: "Insufficient cache node capacity in us-east-1a for cache.t4g.micro.",
      },
    });
    emulator = cloud.emulator;
    caller = new HumanitecCaller({ driverUrl: cloud.driver.url });
  });
  afterAll(async () => {
    await cloud?.close();
  });

  const ca = () => ({ tls: true as const, ca: emulator.caPem });
  const connectTrusting = async (outputs: Outputs) => {
    const client = createClient({
      url: outputs.secrets.url,
      socket: { reconnectStrategy: false, connectTimeout: 5_000, ...ca() },
    });
    client.on("error", () => undefined);
    await client.connect();
    return client;
  };

  it("shared: a user confined to its key prefix on an existing cache; delete removes only the user", async () => {
    await createSharedCache(emulator, { cache: "team-cache", userGroup: "team-users" });

    const id = newGuresid();
    const body = inputData({ deployment: "shared", shared_cache: "team-cache" });
    const created = await repeatWhile202(() => caller.put(id, body));
    expect(created.at(-1)?.status).toBe(200);
    const outputs = (created.at(-1)?.body as { resource: Outputs }).resource;
    const prefix = outputs.values.key_prefix ?? "";
    expect(prefix).toMatch(/^hk-[a-z2-7]{16}:$/);

    const client = await connectTrusting(outputs);
    await client.set(`${prefix}greeting`, "hello");
    expect(await client.get(`${prefix}greeting`)).toBe("hello");
    await expect(client.set("elsewhere", "x")).rejects.toThrow(/NOPERM/);
    await expect(client.get("elsewhere")).rejects.toThrow(/NOPERM/);
    client.destroy();

    const deleted = await repeatWhile202(() => caller.delete(id));
    expect(deleted.at(-1)?.status).toBe(204);
    await expect(connectTrusting(outputs)).rejects.toThrow(/WRONGPASS|NOAUTH|invalid/i);
    const aws = emulatorClient(emulator);
    const { ServerlessCaches } = await aws.send(
      new DescribeServerlessCachesCommand({ ServerlessCacheName: "team-cache" }),
    );
    aws.destroy();
    expect(ServerlessCaches?.[0]?.Status).toBe("available");
  });

  it("rotation under traffic: a client on the old password keeps working while the new one is handed out", async () => {
    const id = newGuresid();
    const first = await repeatWhile202(() => caller.put(id, inputData({ auth_generation: 0 })));
    const before = (first.at(-1)?.body as { resource: Outputs }).resource;
    // ElastiCache may still be finishing the create (tags): rotate once the resource is steady.
    expect((await repeatWhile202(() => caller.get(id))).at(-1)?.status).toBe(200);
    const old = await connectTrusting(before);
    let writes = 0;
    let failures = 0;
    let running = true;
    const traffic = (async () => {
      while (running) {
        try {
          await old.incr("counter");
          writes += 1;
        } catch {
          failures += 1;
        }
        await sleep(20);
      }
    })();
    const rotated = await repeatWhile202(() => caller.put(id, inputData({ auth_generation: 1 })));
    running = false;
    await traffic;
    expect(rotated.at(-1)?.status).toBe(200);
    const after = (rotated.at(-1)?.body as { resource: Outputs }).resource;
    expect(after.secrets.password).not.toBe(before.secrets.password);
    expect(failures).toBe(0);
    expect(writes).toBeGreaterThan(0);
    const fresh = await connectTrusting(after);
    expect(Number(await fresh.get("counter"))).toBe(writes);
    fresh.destroy();
    old.destroy();
    expect((await repeatWhile202(() => caller.delete(id))).at(-1)?.status).toBe(204);
  });

  it("create-failed answers 400 RES-111 with the cloud's event text", async () => {
    const id = newGuresid("failcase");
    const answers = await repeatWhile202(() => caller.put(id, inputData({})));
    const last = answers.at(-1);
    expect(last?.status).toBe(400);
    expect(last?.body).toMatchObject({
      error: "RES-111",
      message: expect.stringContaining("Insufficient cache node capacity in us-east-1a"),
    });
    expect((await repeatWhile202(() => caller.delete(id))).at(-1)?.status).toBe(204);
  });

  it("throttling never answers 5xx, and access denied is a 400 naming the missing permission", async () => {
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ throttleEvery: 2 }),
    });
    try {
      const id = newGuresid();
      const answers = await repeatWhile202(() => caller.put(id, inputData({})));
      expect(answers.every((answer) => answer.status < 500)).toBe(true);
      expect(answers.at(-1)?.status).toBe(200);
      const gone = await repeatWhile202(() => caller.delete(id));
      expect(gone.every((answer) => answer.status < 500)).toBe(true);
      expect(gone.at(-1)?.status).toBe(204);
    } finally {
      await fetch(`${emulator.url}/_emulator/faults`, { method: "DELETE" });
    }

    await fetch(`${emulator.url}/_emulator/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ denyActions: ["CreateReplicationGroup"] }),
    });
    try {
      const denied = await caller.put(newGuresid(), inputData({}));
      expect(denied.status).toBe(400);
      expect(denied.body).toMatchObject({
        error: "RES-117",
        message: expect.stringContaining("elasticache:CreateReplicationGroup"),
      });
    } finally {
      await fetch(`${emulator.url}/_emulator/faults`, { method: "DELETE" });
    }
  });
});
