import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HumanitecCaller, runLifecycleFlow, sampleAppConsumer, type DriverProcess } from "../src/index.js";
import {
  createSharedCache,
  repeatWhile202,
  startEmulatedCloud,
  type EmulatedCloud,
} from "./support/emulated-cloud.js";

/**
 * The cloud path over the wire: the driver in elasticache mode, pointed at the local ElastiCache
 * endpoint only through the SDK's standard AWS_ENDPOINT_URL_ELASTICACHE, real Redis behind it.
 */
describe("the lifecycle through the elasticache provisioner and the local ElastiCache endpoint", () => {
  let cloud: EmulatedCloud;
  let driver: DriverProcess;

  beforeAll(async () => {
    cloud = await startEmulatedCloud({ delays: { createMs: 300, modifyMs: 200, deleteMs: 200 } });
    driver = cloud.driver;
  });
  afterAll(async () => {
    await cloud?.close();
  });

  // The sample app trusts the endpoint's CA the way an app on AWS trusts Amazon's.
  const sampleApp = () => sampleAppConsumer({ env: { NODE_EXTRA_CA_CERTS: cloud.emulator.caPath } });

  const flow = (values: Record<string, unknown>) =>
    runLifecycleFlow({
      driverUrl: driver.url,
      values,
      consumer: sampleApp(),
      pollIntervalMs: 100,
      timeouts: { createMs: 60_000, deleteMs: 60_000, connectMs: 20_000, unavailableMs: 20_000 },
    });

  it.each([
    ["node-based, TLS and AUTH token", { deployment: "node-based" }],
    ["node-based with an RBAC user", { deployment: "node-based", username: "app" }],
    ["serverless", { deployment: "serverless" }],
    ["cluster mode with 2 shards", { deployment: "node-based", mode: "cluster", shards: 2 }],
  ])(
    "%s: PUT until 200, the sample app counts with only the outputs, DELETE until 204, gone",
    async (_name, values) => {
      const observation = await flow(values);
      expect(observation.create.statuses.at(-1)).toBe(200);
      expect(observation.outputs.values.tls).toBe(true);
      expect(observation.outputs.secrets.url).toMatch(/^rediss:\/\//);
      expect(observation.visits).toEqual([1, 2]);
      expect(observation.readyBeforeDelete).toMatchObject({ ready: true, status: 200 });
      expect(observation.delete.statuses.at(-1)).toBe(204);
      expect(observation.readyAfterDelete).toMatchObject({ ready: false, status: 503 });
    },
  );

  it("shared: the sample app counts under the key prefix it was given, on a cache that outlives the resource", async () => {
    await createSharedCache(cloud.emulator, { cache: "team-cache", userGroup: "team-users" });
    const observation = await flow({ deployment: "shared", shared_cache: "team-cache" });
    expect(observation.create.statuses.at(-1)).toBe(200);
    expect(observation.outputs.values.key_prefix).toMatch(/^hk-[a-z2-7]{16}:$/);
    // The user may touch only its prefix: counting works only because the app used it.
    expect(observation.visits).toEqual([1, 2]);
    expect(observation.readyBeforeDelete).toMatchObject({ ready: true, status: 200 });
    expect(observation.delete.statuses.at(-1)).toBe(204);
    // Its user is gone, so the app can no longer authenticate; the cache itself stays for others.
    expect(observation.readyAfterDelete).toMatchObject({ ready: false, status: 503 });
  });

  it("the sample app keeps counting across a password rotation", async () => {
    const caller = new HumanitecCaller({ driverUrl: driver.url });
    const counts: number[] = [];
    const observation = await runLifecycleFlow({
      driverUrl: driver.url,
      values: { auth_generation: 0 },
      consumer: sampleApp(),
      pollIntervalMs: 100,
      timeouts: { createMs: 60_000, deleteMs: 60_000, connectMs: 20_000, unavailableMs: 20_000 },
      whileAvailable: async ({ guresid, consumer }) => {
        expect((await repeatWhile202(() => caller.get(guresid))).at(-1)?.status).toBe(200);
        let rotating = true;
        const visits = (async () => {
          while (rotating) {
            counts.push(await consumer.visit());
            await sleep(50);
          }
        })();
        const rotated = await repeatWhile202(() =>
          caller.put(guresid, { type: "redis", driver: { values: { auth_generation: 1 }, secrets: {} } }),
        );
        rotating = false;
        await visits;
        expect(rotated.at(-1)?.status).toBe(200);
        counts.push(await consumer.visit());
      },
    });
    expect(observation.delete.statuses.at(-1)).toBe(204);
    expect(counts.length).toBeGreaterThan(2);
    // Every visit during and after the rotation counted, one after the other.
    expect(counts.slice(1).every((count, index) => count === (counts[index] ?? 0) + 1)).toBe(true);
  });
});
