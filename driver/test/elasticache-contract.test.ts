import pino from "pino";
import type { DriverInputsIn } from "../src/inputs/driver-inputs.js";
import { AwsClientPool } from "../src/provisioners/elasticache/aws-clients.js";
import { ElastiCacheProvisioner } from "../src/provisioners/elasticache/elasticache-provisioner.js";
import type { Provisioner } from "../src/provisioners/provisioner.js";
import { FakeElastiCache } from "./support/elasticache-fake.js";
import { NETWORK } from "./support/elasticache-harness.js";
import {
  provisionerContractSuite,
  type ContractBackend,
  type ContractSubject,
} from "./support/provisioner-contract-suite.js";

/** The ElastiCache provisioner over an in-memory ElastiCache whose changes end by themselves. */
function backend(options: { failCreates?: boolean }): ContractBackend {
  const fake = new FakeElastiCache({ autoFinishMs: 40, ...options });
  const opened: Provisioner[] = [];
  const open = () => {
    const provisioner = new ElastiCacheProvisioner({
      pool: new AwsClientPool("eu-central-1"),
      network: NETWORK,
      logger: pino({ level: "silent" }),
    });
    opened.push(provisioner);
    return provisioner;
  };
  return {
    provisioner: open(),
    reopen: async () => open(),
    async [Symbol.asyncDispose]() {
      await Promise.all(opened.map((provisioner) => provisioner.close()));
      fake.reset();
    },
  };
}

const subject = (
  name: string,
  inputs: DriverInputsIn,
  update: DriverInputsIn,
  unsupported: ContractSubject["unsupported"],
): ContractSubject => ({
  name,
  open: async () => backend({}),
  openFailing: async () => backend({ failCreates: true }),
  inputs,
  update,
  unsupported,
  timeoutMs: 5_000,
});

provisionerContractSuite(
  subject(
    "elasticache/node-based",
    {},
    { node_type: "cache.r7g.large", auth_generation: 1 },
    {
      inputs: { tls: false, shared_cache: "team-cache" },
      fields: ["driver.values.tls", "driver.values.shared_cache"],
    },
  ),
);

provisionerContractSuite(
  subject(
    "elasticache/serverless",
    { deployment: "serverless" },
    { auth_generation: 1, tags: { team: "payments" } },
    {
      inputs: { deployment: "serverless", node_type: "cache.r7g.large", replicas: 2 },
      fields: ["driver.values.node_type", "driver.values.replicas"],
    },
  ),
);
