import { randomBytes } from "node:crypto";
import { startEmulator, type RunningEmulator } from "@elasticache-driver-kit/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runLifecycleFlow, sampleAppConsumer, startDriverProcess, type DriverProcess } from "../src/index.js";

/**
 * The cloud path over the wire: the driver in elasticache mode, pointed at the local ElastiCache
 * endpoint only through the SDK's standard AWS_ENDPOINT_URL_ELASTICACHE, real Redis behind it.
 */
describe("the lifecycle through the elasticache provisioner and the local ElastiCache endpoint", () => {
  let emulator: RunningEmulator;
  let driver: DriverProcess;

  beforeAll(async () => {
    emulator = await startEmulator({
      runtime: "process",
      delays: { createMs: 300, modifyMs: 200, deleteMs: 200 },
    });
    try {
      driver = await startDriverProcess({
        ...emulator.env,
        DRIVER_PROVISIONER: "elasticache",
        DRIVER_SECRET_KEY: randomBytes(32).toString("hex"),
        ELASTICACHE_SUBNET_GROUP: "default",
        DRIVER_STATUS_CACHE_MS: "100",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      });
    } catch (error) {
      await emulator.close();
      throw error;
    }
    // The sample app trusts the endpoint's CA the way an app on AWS trusts Amazon's.
    vi.stubEnv("NODE_EXTRA_CA_CERTS", emulator.caPath);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await driver?.close();
    await emulator?.close();
  });

  const flow = (values: Record<string, unknown>) =>
    runLifecycleFlow({
      driverUrl: driver.url,
      values,
      consumer: sampleAppConsumer(),
      pollIntervalMs: 100,
      timeouts: { createMs: 60_000, deleteMs: 60_000, connectMs: 20_000, unavailableMs: 20_000 },
    });

  it.each([
    ["node-based, TLS and AUTH token", { deployment: "node-based" }],
    ["node-based with an RBAC user", { deployment: "node-based", username: "app" }],
    ["serverless", { deployment: "serverless" }],
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
});
