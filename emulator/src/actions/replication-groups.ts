import { snapshotName } from "../model/identifiers.js";
import { paginate } from "../model/paginate.js";
import { fault, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { replicationGroup } from "../service/lookups.js";
import { snapshotReplicationGroup } from "../service/snapshots.js";
import { deleteCache } from "../service/transitions.js";
import { replicationGroupShape } from "../shapes/replication-group-shape.js";
import type { ActionTable } from "./action.js";
import { createReplicationGroup } from "./create-replication-group.js";
import { modifyReplicationGroup } from "./modify-replication-group.js";
import { changeReplicaCount } from "./replica-count.js";
import { refuseUnmodelled } from "./unsupported.js";

const shape = (state: EmulatorState, group: Parameters<typeof replicationGroupShape>[0]) =>
  replicationGroupShape(group, state.deps.partition.region);

function describeReplicationGroups(params: QueryParams, state: EmulatorState): XmlObject {
  const id = params.string("ReplicationGroupId");
  const groups = id !== undefined ? [replicationGroup(state, id)] : [...state.replicationGroups.values()];
  const page = paginate(groups, params.int("MaxRecords"), params.string("Marker"));
  return {
    Marker: page.marker,
    ReplicationGroups: xmlList(
      page.items.map((group) => shape(state, group)),
      "ReplicationGroup",
    ),
  };
}

function deleteReplicationGroup(params: QueryParams, state: EmulatorState): XmlObject {
  refuseUnmodelled(params, ["RetainPrimaryCluster"]);
  const group = replicationGroup(state, params.required("ReplicationGroupId"));
  if (group.status !== "available" && group.status !== "create-failed") {
    throw fault(
      "InvalidReplicationGroupState",
      `Replication group ${group.id} is ${group.status}; it can be deleted when it is available or create-failed.`,
    );
  }
  const finalSnapshot = params.string("FinalSnapshotIdentifier");
  let beforeStop: (() => Promise<void>) | undefined;
  if (finalSnapshot !== undefined) {
    const name = snapshotName("FinalSnapshotIdentifier", finalSnapshot);
    if (group.status !== "available") {
      throw fault(
        "InvalidReplicationGroupState",
        `Replication group ${group.id} is ${group.status}; a final snapshot needs an available replication group.`,
      );
    }
    if (state.snapshots.has(name))
      throw fault("SnapshotAlreadyExistsFault", `Snapshot ${name} already exists.`);
    beforeStop = snapshotReplicationGroup(state, group, name);
  }
  deleteCache(state, group, beforeStop);
  return { ReplicationGroup: shape(state, group) };
}

function requireApplyImmediately(params: QueryParams): void {
  const apply = params.bool("ApplyImmediately");
  if (apply === undefined)
    throw invalidValue("The parameter ApplyImmediately must be provided and must not be blank.");
  if (!apply) throw invalidValue("ApplyImmediately=false is not currently supported; set it to true.");
}

export const replicationGroupActions: ActionTable = {
  CreateReplicationGroup: createReplicationGroup,
  DescribeReplicationGroups: describeReplicationGroups,
  ModifyReplicationGroup: modifyReplicationGroup,
  DeleteReplicationGroup: deleteReplicationGroup,
  IncreaseReplicaCount: (params, state) => {
    requireApplyImmediately(params);
    return { ReplicationGroup: shape(state, changeReplicaCount(params, state, "increase")) };
  },
  DecreaseReplicaCount: (params, state) => {
    requireApplyImmediately(params);
    return { ReplicationGroup: shape(state, changeReplicaCount(params, state, "decrease")) };
  },
};
