import { compareVersions, engineVersion, parameterGroupFamily } from "../model/engine-versions.js";
import { engineName } from "../model/identifiers.js";
import { clusterEnabled } from "../model/resources.js";
import { fault, invalidCombination, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import type { XmlObject } from "../protocol/xml-response.js";
import { syncAcl } from "../service/cache-acl.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { attachableUserGroups, parameterGroup, replicationGroup } from "../service/lookups.js";
import { applyParameters } from "../service/start-cache.js";
import { modifyCache } from "../service/transitions.js";
import { replicationGroupShape } from "../shapes/replication-group-shape.js";
import { nextAuth } from "./auth-token-update.js";
import { checkNodeType, inRange, securityGroupIds } from "./parameter-checks.js";
import { refuseUnmodelled } from "./unsupported.js";

export function modifyReplicationGroup(params: QueryParams, state: EmulatorState): XmlObject {
  refuseUnmodelled(params, [
    "LogDeliveryConfigurations",
    "NodeGroupId",
    "PrimaryClusterId",
    "SnapshottingClusterId",
  ]);
  const group = replicationGroup(state, params.required("ReplicationGroupId"));
  if (group.status !== "available") {
    throw fault(
      "InvalidReplicationGroupState",
      `Replication group ${group.id} is ${group.status}; it must be available.`,
    );
  }
  const changes: (() => void)[] = [];
  const change = <T>(value: T | undefined, apply: (value: T) => void) => {
    if (value !== undefined) changes.push(() => apply(value));
  };

  for (const name of ["TransitEncryptionEnabled", "TransitEncryptionMode", "ClusterMode"]) {
    const value = params.string(name);
    const current = {
      TransitEncryptionEnabled: String(group.transitEncryption),
      TransitEncryptionMode: group.transitEncryption ? "required" : undefined,
      ClusterMode: group.clusterMode,
    }[name];
    if (value !== undefined && value.toLowerCase() !== current) {
      throw invalidValue(
        `${name}: changing it in place is not modelled by the local ElastiCache endpoint; create a new replication group instead.`,
      );
    }
  }
  const engine =
    params.string("Engine") === undefined ? group.engine : engineName("Engine", params.required("Engine"));
  if (group.engine === "valkey" && engine === "redis") {
    throw invalidCombination("Engine: a valkey replication group cannot be changed to redis.");
  }
  const version =
    params.string("EngineVersion") === undefined && engine === group.engine
      ? group.engineVersion
      : engineVersion(engine, params.string("EngineVersion"));
  if (engine === group.engine && compareVersions(version, group.engineVersion) < 0) {
    throw invalidValue(
      `EngineVersion: ${version} is older than the current ${group.engineVersion}; engines cannot be downgraded.`,
    );
  }
  // Node changes wait for the maintenance window unless ApplyImmediately is true, as on AWS.
  const applyImmediately = params.bool("ApplyImmediately") ?? false;
  const deferred: NonNullable<typeof group.pendingMaintenance> = {};
  /** A node change: now (with the others) when ApplyImmediately is true, else at maintenance. */
  const nodeChange = (apply: () => void, record: () => void) => {
    if (applyImmediately) changes.push(apply);
    else record();
  };
  if (engine !== group.engine) {
    nodeChange(
      () => (group.engine = engine),
      () => (deferred.engine = engine),
    );
  }
  if (version !== group.engineVersion) {
    nodeChange(
      () => (group.engineVersion = version),
      () => (deferred.engineVersion = version),
    );
  }
  const parameterGroupName = params.string("CacheParameterGroupName");
  if (parameterGroupName !== undefined) {
    const parameters = parameterGroup(state, parameterGroupName);
    const family = parameterGroupFamily(engine, version);
    if (parameters.family !== family) {
      throw invalidCombination(
        `CacheParameterGroupName: ${parameters.name} is of family ${parameters.family}; this replication group needs family ${family}.`,
      );
    }
    if (clusterEnabled(parameters) !== (group.clusterMode !== "disabled")) {
      throw invalidCombination(
        `CacheParameterGroupName: ${parameters.name} has cluster-enabled ${clusterEnabled(parameters) ? "yes" : "no"}, which does not match this replication group's cluster mode (${group.clusterMode}).`,
      );
    }
    change(parameters.name, (value) => (group.parameterGroup = value));
  }
  change(params.string("ReplicationGroupDescription"), (value) => (group.description = value));
  const nodeType = params.string("CacheNodeType");
  if (nodeType !== undefined && nodeType !== group.cacheNodeType) {
    const checked = checkNodeType(nodeType);
    nodeChange(
      () => (group.cacheNodeType = checked),
      () => (deferred.cacheNodeType = checked),
    );
  }
  const retention = params.int("SnapshotRetentionLimit");
  change(
    retention === undefined ? undefined : inRange("SnapshotRetentionLimit", retention, 0, 35),
    (value) => (group.snapshotRetentionLimit = value),
  );
  change(params.string("SnapshotWindow"), (value) => (group.snapshotWindow = value));
  change(params.string("PreferredMaintenanceWindow"), (value) => (group.maintenanceWindow = value));
  change(params.bool("AutoMinorVersionUpgrade"), (value) => (group.autoMinorVersionUpgrade = value));
  if (params.list("SecurityGroupIds", "SecurityGroupId") !== undefined) {
    change(securityGroupIds(params), (value) => (group.securityGroupIds = value));
  }
  const failover = params.bool("AutomaticFailoverEnabled") ?? group.automaticFailover;
  const multiAz = params.bool("MultiAZEnabled") ?? group.multiAz;
  if (failover && group.clusterMode !== "enabled" && group.replicasPerNodeGroup === 0) {
    throw invalidCombination(
      "AutomaticFailoverEnabled requires at least one replica; add one with IncreaseReplicaCount first.",
    );
  }
  if (!failover && group.clusterMode === "enabled") {
    throw invalidCombination(
      "AutomaticFailoverEnabled cannot be turned off for a cluster mode enabled replication group.",
    );
  }
  if (multiAz && !failover)
    throw invalidCombination("MultiAZEnabled requires AutomaticFailoverEnabled=true.");
  change(params.bool("AutomaticFailoverEnabled"), (value) => (group.automaticFailover = value));
  change(params.bool("MultiAZEnabled"), (value) => (group.multiAz = value));

  const toAdd = (params.list("UserGroupIdsToAdd") ?? []).map((id) => id.toLowerCase());
  const toRemove = (params.list("UserGroupIdsToRemove") ?? []).map((id) => id.toLowerCase());
  const removeAll = params.bool("RemoveUserGroups") ?? false;
  const unknownRemoval = toRemove.find((id) => !group.userGroupIds.includes(id));
  if (unknownRemoval !== undefined) {
    throw invalidValue(
      `UserGroupIdsToRemove: user group ${unknownRemoval} is not associated with replication group ${group.id}.`,
    );
  }
  const kept = removeAll ? [] : group.userGroupIds.filter((id) => !toRemove.includes(id));
  const added = attachableUserGroups(
    state,
    "UserGroupIdsToAdd",
    toAdd,
    group.engine,
    group.transitEncryption,
  );
  const userGroupIds = [...new Set([...kept, ...added])];
  if (userGroupIds.length > 1)
    throw invalidCombination("Only one user group can be associated with a replication group.");
  const auth = nextAuth(params, group, added.length > 0);
  const hasTokens = (auth ?? group.auth).sha256s.length > 0;
  if (added.length > 0 && hasTokens) {
    throw invalidCombination(
      "This replication group uses AUTH: to move to RBAC, give UserGroupIdsToAdd with AuthTokenUpdateStrategy=DELETE.",
    );
  }
  if (auth && auth.sha256s.length > 0 && userGroupIds.length > 0) {
    throw invalidCombination(
      "AUTH cannot be used with a user group: set RemoveUserGroups=true to move from RBAC to AUTH.",
    );
  }
  const groupsChange = added.length > 0 || kept.length !== group.userGroupIds.length;
  const anyDeferred = Object.keys(deferred).length > 0;
  if (changes.length === 0 && !auth && !groupsChange && !anyDeferred) {
    throw invalidCombination("No modifications were requested.");
  }
  if (anyDeferred) group.pendingMaintenance = { ...group.pendingMaintenance, ...deferred };
  // Only deferred changes: the group stays available until the maintenance window.
  if (changes.length === 0 && !auth && !groupsChange) {
    return { ReplicationGroup: replicationGroupShape(group, state.deps.partition.region) };
  }

  if (auth) group.auth.pending = auth.pending;
  if (groupsChange) {
    group.pendingUserGroups = {
      add: added,
      remove: group.userGroupIds.filter((id) => !userGroupIds.includes(id)),
    };
  }
  modifyCache(state, group, async () => {
    for (const apply of changes) apply();
    if (auth) group.auth = { ...auth, pending: undefined };
    if (groupsChange) group.userGroupIds = userGroupIds;
    group.pendingUserGroups = undefined;
    await syncAcl(state, group);
    await applyParameters(state, group);
  });
  return { ReplicationGroup: replicationGroupShape(group, state.deps.partition.region) };
}
