import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@elasticache-driver-kit/emulator";
import { startDriverProcess, type DriverAnswer, type DriverProcess } from "../../src/index.js";
import { createSharedCache as createSharedCacheWith } from "../../src/soak/endpoint-inventory.js";

/** The local ElastiCache endpoint and a driver in elasticache mode pointed at it. */
export interface EmulatedCloud {
  readonly emulator: RunningEmulator;
  readonly driver: DriverProcess;
  /** Stops the driver, then the endpoint and every engine it runs. */
  close(): Promise<void>;
}

/**
 * Starts the endpoint (process runtime) and the driver with `DRIVER_PROVISIONER=elasticache`,
 * reaching it only through the SDK's standard `AWS_ENDPOINT_URL_ELASTICACHE`. Nothing is left
 * running when the driver fails to start.
 */
export async function startEmulatedCloud(
  options: Omit<EmulatorOptions, "runtime"> = {},
  driverEnv: NodeJS.ProcessEnv = {},
): Promise<EmulatedCloud> {
  const emulator = await startEmulator({ runtime: "process", ...options });
  let driver: DriverProcess;
  try {
    driver = await startDriverProcess({
      ...emulator.env,
      DRIVER_PROVISIONER: "elasticache",
      DRIVER_SECRET_KEY: randomBytes(32).toString("hex"),
      ELASTICACHE_SUBNET_GROUP: "default",
      DRIVER_STATUS_CACHE_MS: "100",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...driverEnv,
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    emulator,
    driver,
    async close() {
      try {
        await driver.close();
      } finally {
        await emulator.close();
      }
    },
  };
}

/** Repeats the request while it answers 202, as Humanitec does; every answer is kept. */
export async function repeatWhile202(
  send: () => Promise<DriverAnswer>,
  timeoutMs = 60_000,
): Promise<DriverAnswer[]> {
  const answers: DriverAnswer[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await send();
    answers.push(answer);
    if (answer.status !== 202) return answers;
    if (Date.now() > deadline) throw new Error(`still 202 after ${timeoutMs} ms: ${answer.text}`);
    await sleep(100);
  }
}

/** An ElastiCache client of the local endpoint, for what a test does outside the driver. */
export function emulatorClient(emulator: RunningEmulator): ElastiCacheClient {
  return new ElastiCacheClient({
    region: emulator.region,
    endpoint: emulator.url,
    credentials: {
      accessKeyId: emulator.env.AWS_ACCESS_KEY_ID ?? "",
      secretAccessKey: emulator.env.AWS_SECRET_ACCESS_KEY ?? "",
    },
  });
}

/**
 * What a platform team sets up once before any `shared` resource: a user group tagged shareable and
 * a serverless cache using it, both on the local endpoint; resolves when both are active.
 */
export async function createSharedCache(
  emulator: RunningEmulator,
  names: { cache: string; userGroup: string },
): Promise<void> {
  const aws = emulatorClient(emulator);
  try {
    await createSharedCacheWith(aws, names);
  } finally {
    aws.destroy();
  }
}
