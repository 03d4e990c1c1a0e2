import pino from "pino";
import { DriverError } from "../../src/errors.js";
import {
  DriverInputsSchema,
  type DriverInputsIn,
  type DriverSecrets,
} from "../../src/inputs/driver-inputs.js";
import { ResourceLifecycle, type Outcome } from "../../src/lifecycle/resource-lifecycle.js";
import { AwsClientPool } from "../../src/provisioners/elasticache/aws-clients.js";
import { ElastiCacheProvisioner } from "../../src/provisioners/elasticache/elasticache-provisioner.js";
import { resourceNames } from "../../src/provisioners/elasticache/names.js";
import type { NetworkDefaults } from "../../src/provisioners/elasticache/network.js";
import { SecretDeriver } from "../../src/security/secret-deriver.js";
import { FakeElastiCache } from "./elasticache-fake.js";

// The SDK warns once per process about Node 20's end of support; tests need not see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const GURESID = "0123456789abcdef0123456789abcdef01234567";
export const NAMES = resourceNames(GURESID);
export const KEY = "k".repeat(32);
export const NETWORK: NetworkDefaults = {
  subnetGroup: "cache-subnets",
  securityGroupIds: ["sg-0123456789abcdef0"],
};

export interface ElastiCacheHarness {
  fake: FakeElastiCache;
  provisioner: ElastiCacheProvisioner;
  lifecycle: ResourceLifecycle;
  secrets: SecretDeriver;
  /** PUT with these driver inputs. */
  put(values?: DriverInputsIn, account?: DriverSecrets): Promise<Outcome>;
  get(): Promise<Outcome>;
  del(): Promise<Outcome>;
  /** Another driver replica over the same AWS account (its own caches, clients and status cache). */
  replica(statusCacheMs?: number): { provisioner: ElastiCacheProvisioner; lifecycle: ResourceLifecycle };
  close(): Promise<void>;
}

function replicaOf(
  secrets: SecretDeriver,
  network: NetworkDefaults,
  statusCacheMs: number,
  now: (() => Date) | undefined,
) {
  const provisioner = new ElastiCacheProvisioner({
    pool: new AwsClientPool("eu-central-1"),
    network,
    logger: pino({ level: "silent" }),
    ...(now ? { now } : {}),
  });
  const lifecycle = new ResourceLifecycle({
    provisioner,
    secrets,
    logger: pino({ level: "silent" }),
    statusCacheMs,
    operationTimeoutMs: 3_600_000,
  });
  return { provisioner, lifecycle };
}

/** The ElastiCache provisioner behind the real lifecycle, on an in-memory ElastiCache. */
export function elasticacheHarness(
  options: { network?: NetworkDefaults; statusCacheMs?: number; now?: () => Date } = {},
): ElastiCacheHarness {
  const fake = new FakeElastiCache();
  const secrets = new SecretDeriver(KEY);
  const network = options.network ?? NETWORK;
  const main = replicaOf(secrets, network, options.statusCacheMs ?? 0, options.now);
  const others: ElastiCacheProvisioner[] = [];
  return {
    fake,
    secrets,
    ...main,
    put: (values = {}, account = {}) =>
      main.lifecycle.put({ id: GURESID, spec: DriverInputsSchema.parse(values), secrets: account }),
    get: () => main.lifecycle.get(GURESID, {}),
    del: () => main.lifecycle.delete(GURESID, {}),
    replica: (statusCacheMs = 0) => {
      const other = replicaOf(secrets, network, statusCacheMs, options.now);
      others.push(other.provisioner);
      return other;
    },
    close: async () => {
      await Promise.all([main.provisioner, ...others].map((p) => p.close()));
      fake.reset();
    },
  };
}

/** The DriverError a promise rejects with (fails the test on anything else). */
export async function driverErrorOf(promise: Promise<unknown>): Promise<DriverError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof DriverError) return error;
  throw new Error(`expected a DriverError, got ${String(error)}`, { cause: error });
}
