/**
 * The local provisioner's building blocks, for other packages of this kit that run real Redis on
 * this machine the way the driver does: the e2e suites (to check that nothing was left running)
 * and the local ElastiCache endpoint (one engine per cache). Import as
 * `@elasticache-driver-kit/driver/local`; the driver's main entry exports none of this.
 */
export { listManagedInstances, type ManagedInstances } from "./provisioners/local/list-managed-instances.js";
export { createRuntime, stateDirTag } from "./provisioners/local/create-runtime.js";
export {
  resolveOptions as resolveLocalOptions,
  type LocalProvisionerOptions,
  type ResolvedLocalProvisionerOptions,
} from "./provisioners/local/local-provisioner-options.js";
export { selectRuntime, defaultProbes, type RuntimeChoice } from "./provisioners/local/select-runtime.js";
export { LocalCertificates } from "./provisioners/local/local-certificates.js";
export { waitForPing, withRedis, type RedisTarget } from "./provisioners/local/redis-connection.js";
export { sha256Hex, type RedisUser } from "./provisioners/local/redis-config.js";
export { StateStore } from "./provisioners/local/state-store.js";
export type {
  InstanceSpec,
  RedisRuntime,
  RunningInstance,
  RuntimeKind,
} from "./provisioners/local/redis-runtime.js";
