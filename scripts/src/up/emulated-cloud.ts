import { randomBytes } from "node:crypto";

/** A local ElastiCache endpoint the driver's elasticache provisioner can work against. */
export interface EmulatedCloud extends AsyncDisposable {
  /** For people: "local ElastiCache endpoint at http://127.0.0.1:4575 (engines as process)". */
  readonly description: string;
  /** What the driver needs beside `DRIVER_PROVISIONER=elasticache`: region, endpoint, dummy credentials. */
  readonly driverEnv: Readonly<Record<string, string>>;
  /** What a workload needs to trust the endpoint's engines, e.g. `NODE_EXTRA_CA_CERTS`. */
  readonly appEnv: Readonly<Record<string, string>>;
  /**
   * Whether cluster-mode and serverless caches run as Redis Clusters, as on AWS: the process runtime
   * does; the container runtime runs one plain engine per cache.
   */
  readonly runsClusters: boolean;
  close(): Promise<void>;
}

export type StartEmulatedCloud = () => Promise<EmulatedCloud>;

/**
 * Starts the kit's local ElastiCache endpoint (the `emulator/` package). It is imported on use, so
 * the other modes of `up` never load it or the AWS SDK.
 */
export const startEmulatedCloud: StartEmulatedCloud = async () => {
  const { loadEmulatorConfig, startEmulator } = await import("@elasticache-driver-kit/emulator");
  const env = process.env;
  // The endpoint's engines run the way the local mode's Redis does unless EMULATOR_* says otherwise,
  // and on a free port unless EMULATOR_PORT names one.
  const config = loadEmulatorConfig({
    ...env,
    EMULATOR_PORT: env.EMULATOR_PORT ?? "0",
    EMULATOR_RUNTIME: env.EMULATOR_RUNTIME ?? env.LOCAL_RUNTIME,
    EMULATOR_REDIS_IMAGE: env.EMULATOR_REDIS_IMAGE ?? env.LOCAL_REDIS_IMAGE,
    EMULATOR_REDIS_SERVER: env.EMULATOR_REDIS_SERVER ?? env.LOCAL_REDIS_SERVER,
  });
  const emulator = await startEmulator(config);
  const close = () => emulator.close();
  return {
    description: `local ElastiCache endpoint at ${emulator.url} (engines as ${emulator.runtime})`,
    driverEnv: {
      // Only the SDK's standard settings point the driver at it: region, endpoint, credentials.
      ...emulator.env,
      // The endpoint has one cache subnet group, "default"; on AWS this comes from the infra stack.
      ELASTICACHE_SUBNET_GROUP: "default",
      // Outside local mode the driver derives passwords from a key every replica shares; this run
      // has one driver and its caches end with it, so a fresh key will do.
      DRIVER_SECRET_KEY: randomBytes(32).toString("hex"),
    },
    appEnv: { NODE_EXTRA_CA_CERTS: emulator.caPath },
    runsClusters: emulator.runtime === "process",
    close,
    [Symbol.asyncDispose]: close,
  };
};
