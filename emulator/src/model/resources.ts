import type { Engine as Backend } from "../engine/engine.js";
import type { Engine } from "./identifiers.js";

/** ReplicationGroup.Status, in AWS's spelling. */
export type ReplicationGroupStatus = "creating" | "available" | "modifying" | "deleting" | "create-failed";
/** ServerlessCache.Status, lowercase as the API sends it. */
export type ServerlessCacheStatus = "creating" | "available" | "modifying" | "deleting" | "create-failed";

/** AUTH tokens of a replication group, only as SHA-256. `open`: clients without a token get in. */
export interface AuthTokens {
  sha256s: string[];
  open: boolean;
  lastModified: Date | undefined;
  /** The token change in flight (PendingModifiedValues.AuthTokenStatus). */
  pending: "SETTING" | "ROTATING" | undefined;
  /** Whether the last change was a ROTATE, which SET may then complete. */
  rotated: boolean;
}

export interface ReplicationGroup {
  readonly kind: "replication-group";
  readonly id: string;
  readonly arn: string;
  readonly createdAt: Date;
  description: string;
  status: ReplicationGroupStatus;
  engine: Engine;
  engineVersion: string;
  cacheNodeType: string;
  subnetGroup: string;
  parameterGroup: string;
  transitEncryption: boolean;
  atRestEncryption: boolean;
  kmsKeyId: string | undefined;
  auth: AuthTokens;
  userGroupIds: string[];
  pendingUserGroups: { add: string[]; remove: string[] } | undefined;
  clusterMode: "enabled" | "disabled" | "compatible";
  numNodeGroups: number;
  replicasPerNodeGroup: number;
  automaticFailover: boolean;
  multiAz: boolean;
  snapshotRetentionLimit: number;
  snapshotWindow: string;
  maintenanceWindow: string;
  securityGroupIds: string[];
  autoMinorVersionUpgrade: boolean;
  /**
   * Node changes requested with ApplyImmediately=false: they wait for the next maintenance
   * window (a maintenance tick here) and show as the member clusters' PendingModifiedValues.
   */
  pendingMaintenance: { cacheNodeType?: string; engineVersion?: string; engine?: Engine } | undefined;
  backend: Backend | undefined;
}

export interface CacheUsageLimits {
  dataStorage?: { unit: string; maximum?: number | undefined; minimum?: number | undefined } | undefined;
  ecpuPerSecond?: { maximum?: number | undefined; minimum?: number | undefined } | undefined;
}

export interface ServerlessCache {
  readonly kind: "serverless-cache";
  readonly id: string;
  readonly arn: string;
  readonly createdAt: Date;
  description: string;
  status: ServerlessCacheStatus;
  engine: Engine;
  majorEngineVersion: string;
  usageLimits: CacheUsageLimits | undefined;
  kmsKeyId: string | undefined;
  securityGroupIds: string[];
  subnetIds: string[];
  userGroupId: string | undefined;
  snapshotRetentionLimit: number;
  dailySnapshotTime: string;
  backend: Backend | undefined;
}

export type Cache = ReplicationGroup | ServerlessCache;

export interface User {
  readonly id: string;
  readonly arn: string;
  userName: string;
  engine: Engine;
  status: "active" | "modifying" | "deleting";
  accessString: string;
  authentication: "password" | "no-password";
  passwordSha256s: string[];
}

export interface UserGroup {
  readonly id: string;
  readonly arn: string;
  engine: Engine;
  status: "creating" | "active" | "modifying" | "deleting";
  userIds: string[];
  pending: { add: string[]; remove: string[] } | undefined;
}

export interface SubnetGroup {
  readonly name: string;
  readonly arn: string;
  description: string;
  vpcId: string;
  subnetIds: string[];
}

export interface ParameterGroup {
  readonly name: string;
  readonly arn: string;
  family: string;
  description: string;
  /** A `default.*` group: listed, usable, not modifiable or deletable. */
  isDefault: boolean;
  /** Values set on the group (`cluster-enabled` included when set). */
  parameters: Map<string, string>;
}

/** Whether caches using the group run in cluster mode (`cluster-enabled yes`). */
export const clusterEnabled = (group: ParameterGroup): boolean =>
  group.parameters.get("cluster-enabled") === "yes";

export interface Snapshot {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: Date;
  status: "creating" | "available" | "deleting";
  source: "manual";
  replicationGroupId: string;
  replicationGroupDescription: string;
  engine: Engine;
  engineVersion: string;
  cacheNodeType: string;
  subnetGroup: string;
  parameterGroup: string;
  numNodeGroups: number;
  automaticFailover: boolean;
  /** The RDB file on this machine, once written. */
  file: string | undefined;
}

export interface ServerlessSnapshot {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: Date;
  status: "creating" | "available" | "deleting";
  serverlessCacheName: string;
  engine: Engine;
  majorEngineVersion: string;
  /** The RDB file on this machine, once written, and its size. */
  file: string | undefined;
  bytes: number | undefined;
}
