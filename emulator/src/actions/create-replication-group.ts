import { sha256Hex } from "@elasticache-driver-kit/driver/local";
import { checkAuthToken } from "../model/auth-token.js";
import { engineVersion, parameterGroupFamily } from "../model/engine-versions.js";
import { cacheId, engineName, groupName } from "../model/identifiers.js";
import { clusterEnabled, type ParameterGroup, type ReplicationGroup } from "../model/resources.js";
import { readTags } from "../model/tags.js";
import { fault, invalidCombination, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { DEFAULT_SUBNET_GROUP, type EmulatorState } from "../service/emulator-state.js";
import { attachableUserGroups, parameterGroup, subnetGroup } from "../service/lookups.js";
import { startCache } from "../service/start-cache.js";
import { replicationGroupShape } from "../shapes/replication-group-shape.js";
import type { XmlObject } from "../protocol/xml-response.js";
import { refuseUnmodelled } from "./unsupported.js";
import { checkNodeType, inRange, securityGroupIds } from "./parameter-checks.js";

function clusterModeOf(
  params: QueryParams,
  numNodeGroups: number,
  parameters: ParameterGroup | undefined,
): ReplicationGroup["clusterMode"] {
  const requested = params.string("ClusterMode")?.toLowerCase();
  if (requested !== undefined && !["enabled", "disabled", "compatible"].includes(requested)) {
    throw invalidValue(`ClusterMode: "${requested}" is not valid; use enabled, disabled or compatible.`);
  }
  if (numNodeGroups > 1 && requested === "disabled") {
    throw invalidCombination(
      "NumNodeGroups greater than 1 requires cluster mode enabled (ClusterMode=enabled).",
    );
  }
  if (requested !== undefined) return requested as ReplicationGroup["clusterMode"];
  // Without ClusterMode, the parameter group's cluster-enabled decides, as on AWS.
  return numNodeGroups > 1 || (parameters !== undefined && clusterEnabled(parameters))
    ? "enabled"
    : "disabled";
}

/**
 * The parameter group of a new replication group: the named one, or the family's default for
 * its cluster mode (`default.redis7` or `default.redis7.cluster.on`). Its `cluster-enabled`
 * must match the cluster mode.
 */
function parameterGroupFor(
  state: EmulatorState,
  named: ParameterGroup | undefined,
  family: string,
  clusterMode: ReplicationGroup["clusterMode"],
): ParameterGroup {
  const clustered = clusterMode !== "disabled";
  const parameters = named ?? parameterGroup(state, `default.${family}${clustered ? ".cluster.on" : ""}`);
  if (parameters.family !== family) {
    throw invalidCombination(
      `CacheParameterGroupName: ${parameters.name} is of family ${parameters.family}; this engine version needs family ${family}.`,
    );
  }
  if (clusterEnabled(parameters) !== clustered) {
    throw invalidCombination(
      clustered
        ? `CacheParameterGroupName: ${parameters.name} has cluster-enabled set to no; cluster mode needs a parameter group with cluster-enabled yes, such as default.${family}.cluster.on.`
        : `CacheParameterGroupName: ${parameters.name} has cluster-enabled set to yes; a cluster mode disabled replication group needs one with cluster-enabled no, such as default.${family}.`,
    );
  }
  return parameters;
}

export function createReplicationGroup(params: QueryParams, state: EmulatorState): XmlObject {
  refuseUnmodelled(params, [
    "GlobalReplicationGroupId",
    "PrimaryClusterId",
    "SnapshotArns",
    "SnapshotName",
    "ServerlessCacheSnapshotName",
    "LogDeliveryConfigurations",
  ]);
  const id = cacheId("ReplicationGroupId", params.required("ReplicationGroupId"), "replication group");
  const description = params.required("ReplicationGroupDescription");
  const engine = engineName("Engine", params.string("Engine") ?? "redis");
  const version = engineVersion(engine, params.string("EngineVersion"));
  const cacheNodeType = checkNodeType(params.required("CacheNodeType"));
  const subnet = subnetGroup(
    state,
    groupName("CacheSubnetGroupName", params.string("CacheSubnetGroupName") ?? DEFAULT_SUBNET_GROUP),
  );
  const family = parameterGroupFamily(engine, version);
  const namedParameters = params.string("CacheParameterGroupName");
  const named = namedParameters === undefined ? undefined : parameterGroup(state, namedParameters);

  const transitEncryption = params.bool("TransitEncryptionEnabled") ?? false;
  const transitMode = params.string("TransitEncryptionMode");
  if (transitMode !== undefined && transitMode !== "required") {
    throw invalidValue(
      `TransitEncryptionMode: "${transitMode}" is not modelled by the local ElastiCache endpoint; use required (or leave it out).`,
    );
  }
  if (transitMode !== undefined && !transitEncryption) {
    throw invalidCombination("TransitEncryptionMode requires TransitEncryptionEnabled=true.");
  }
  const atRestEncryption = params.bool("AtRestEncryptionEnabled") ?? engine === "valkey";
  const kmsKeyId = params.string("KmsKeyId");
  if (kmsKeyId !== undefined && !atRestEncryption) {
    throw invalidCombination("KmsKeyId requires AtRestEncryptionEnabled=true.");
  }
  const authToken = params.string("AuthToken");
  if (authToken !== undefined) {
    if (!transitEncryption) {
      throw invalidCombination(
        "AuthToken can be specified only on replication groups where TransitEncryptionEnabled is true.",
      );
    }
    checkAuthToken("AuthToken", authToken);
  }
  const requestedGroups = (params.list("UserGroupIds") ?? []).map((group) => group.toLowerCase());
  if (authToken !== undefined && requestedGroups.length > 0) {
    throw invalidCombination("AuthToken and UserGroupIds cannot be used together: choose AUTH or RBAC.");
  }
  const userGroupIds = attachableUserGroups(
    state,
    "UserGroupIds",
    requestedGroups,
    engine,
    transitEncryption,
  );

  const nodeGroupConfiguration = params.structList("NodeGroupConfiguration", "NodeGroupConfiguration");
  const numNodeGroups = inRange(
    "NumNodeGroups",
    params.int("NumNodeGroups") ?? nodeGroupConfiguration?.length ?? 1,
    1,
    500,
  );
  const clusterMode = clusterModeOf(params, numNodeGroups, named);
  const parameters = parameterGroupFor(state, named, family, clusterMode);
  const numCacheClusters = params.int("NumCacheClusters");
  const replicasRequested = params.int("ReplicasPerNodeGroup");
  if (numCacheClusters !== undefined && replicasRequested !== undefined) {
    throw invalidCombination("Specify either NumCacheClusters or ReplicasPerNodeGroup, not both.");
  }
  const replicasPerNodeGroup =
    replicasRequested !== undefined
      ? inRange("ReplicasPerNodeGroup", replicasRequested, 0, 5)
      : inRange("NumCacheClusters", numCacheClusters ?? 1, 1, 6) - 1;
  const automaticFailover = params.bool("AutomaticFailoverEnabled") ?? false;
  if (clusterMode === "enabled" && !automaticFailover) {
    throw invalidCombination(
      "AutomaticFailoverEnabled must be true for a cluster mode enabled replication group.",
    );
  }
  if (automaticFailover && clusterMode !== "enabled" && replicasPerNodeGroup === 0) {
    throw invalidCombination(
      "AutomaticFailoverEnabled requires at least one replica: set NumCacheClusters to 2 or more (or ReplicasPerNodeGroup to 1 or more).",
    );
  }
  const multiAz = params.bool("MultiAZEnabled") ?? false;
  if (multiAz && !automaticFailover)
    throw invalidCombination("MultiAZEnabled requires AutomaticFailoverEnabled=true.");
  const port = params.int("Port");
  if (port !== undefined) inRange("Port", port, 1, 65_535);
  const tags = readTags(params);

  if (state.replicationGroups.has(id)) {
    throw fault("ReplicationGroupAlreadyExists", `Replication group ${id} already exists.`);
  }
  const now = new Date();
  const group: ReplicationGroup = {
    kind: "replication-group",
    id,
    arn: state.arn("replicationgroup", id),
    createdAt: now,
    description,
    status: "creating",
    engine,
    engineVersion: version,
    cacheNodeType,
    subnetGroup: subnet.name,
    parameterGroup: parameters.name,
    transitEncryption,
    atRestEncryption,
    kmsKeyId,
    auth: {
      sha256s: authToken === undefined ? [] : [sha256Hex(authToken)],
      open: authToken === undefined,
      lastModified: authToken === undefined ? undefined : now,
      pending: undefined,
      rotated: false,
    },
    userGroupIds,
    pendingUserGroups: undefined,
    clusterMode,
    numNodeGroups,
    replicasPerNodeGroup,
    automaticFailover,
    multiAz,
    snapshotRetentionLimit: inRange(
      "SnapshotRetentionLimit",
      params.int("SnapshotRetentionLimit") ?? 0,
      0,
      35,
    ),
    snapshotWindow: params.string("SnapshotWindow") ?? "05:00-06:00",
    maintenanceWindow: params.string("PreferredMaintenanceWindow") ?? "sun:23:00-mon:01:30",
    securityGroupIds: securityGroupIds(params),
    autoMinorVersionUpgrade: params.bool("AutoMinorVersionUpgrade") ?? true,
    pendingMaintenance: undefined,
    backend: undefined,
  };
  state.replicationGroups.set(id, group);
  state.tags.add(group.arn, tags);
  startCache(state, group);
  return { ReplicationGroup: replicationGroupShape(group, state.deps.partition.region) };
}
