import type { ReplicationGroup } from "../model/resources.js";
import { fault, invalidCombination, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { replicationGroup } from "../service/lookups.js";
import { syncAcl } from "../service/cache-acl.js";
import { applyParameters } from "../service/start-cache.js";
import { modifyCache } from "../service/transitions.js";
import { memberClusterIds } from "../shapes/replication-group-shape.js";
import { inRange } from "./parameter-checks.js";

/** The replica count a request asks for: NewReplicaCount, per-shard configuration, or nodes to remove. */
function requestedCount(
  params: QueryParams,
  group: ReplicationGroup,
  direction: "increase" | "decrease",
): number {
  const shards = params.structList("ReplicaConfiguration", "ConfigureShard");
  const removals = direction === "decrease" ? params.list("ReplicasToRemove") : undefined;
  const given = [params.int("NewReplicaCount") !== undefined, shards !== undefined, removals !== undefined];
  if (given.filter(Boolean).length !== 1) {
    throw invalidCombination(
      `Specify exactly one of NewReplicaCount, ReplicaConfiguration${direction === "decrease" ? " or ReplicasToRemove" : ""}.`,
    );
  }
  if (removals !== undefined) {
    const replicas = memberClusterIds(group).flatMap((ids) => ids.slice(1));
    const unknown = removals.find((id) => !replicas.includes(id.toLowerCase()));
    if (unknown !== undefined) {
      throw invalidValue(`ReplicasToRemove: ${unknown} is not a replica of replication group ${group.id}.`);
    }
    return group.replicasPerNodeGroup - removals.length;
  }
  if (shards !== undefined) {
    // The endpoint resizes all shards alike, so all shards take the same count.
    const counts = new Set(shards.map((shard) => shard.int("NewReplicaCount")));
    if (counts.size !== 1 || counts.has(undefined)) {
      throw invalidValue("ReplicaConfiguration: give every shard the same NewReplicaCount.");
    }
    return [...counts][0] ?? 0;
  }
  return params.int("NewReplicaCount") ?? 0;
}

/** IncreaseReplicaCount and DecreaseReplicaCount: replicas start or stop on the engines. */
export function changeReplicaCount(
  params: QueryParams,
  state: EmulatorState,
  direction: "increase" | "decrease",
): ReplicationGroup {
  const group = replicationGroup(state, params.required("ReplicationGroupId"));
  if (group.status !== "available") {
    throw fault(
      "InvalidReplicationGroupState",
      `Replication group ${group.id} is ${group.status}; it must be available.`,
    );
  }
  const count = inRange("NewReplicaCount", requestedCount(params, group, direction), 0, 5);
  if (count === group.replicasPerNodeGroup) {
    throw fault("NoOperationFault", `Replication group ${group.id} already has ${count} replicas per shard.`);
  }
  if (direction === "increase" && count < group.replicasPerNodeGroup) {
    throw invalidValue(
      `NewReplicaCount: ${count} is fewer than the current ${group.replicasPerNodeGroup} replicas.`,
    );
  }
  if (direction === "decrease" && count > group.replicasPerNodeGroup) {
    throw invalidValue(
      `NewReplicaCount: ${count} is more than the current ${group.replicasPerNodeGroup} replicas.`,
    );
  }
  const minimum = group.clusterMode !== "enabled" && (group.multiAz || group.automaticFailover) ? 1 : 0;
  if (count < minimum) {
    throw invalidCombination(
      `Replication group ${group.id} has automatic failover or Multi-AZ enabled and needs at least ${minimum} replica.`,
    );
  }
  modifyCache(state, group, async () => {
    group.replicasPerNodeGroup = count;
    if (group.backend) {
      await state.deps.pool.resizeReplicas(group.backend, count);
      await syncAcl(state, group);
      await applyParameters(state, group);
    }
  });
  return group;
}
