import { EVENT_SOURCE_TYPES } from "../model/event-log.js";
import { paginate } from "../model/paginate.js";
import type { Snapshot } from "../model/resources.js";
import { fault, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { replicationGroup } from "../service/lookups.js";
import { deleteSnapshot as removeSnapshot, snapshotReplicationGroup } from "../service/snapshots.js";
import { snapshotName } from "../model/identifiers.js";
import { readTags } from "../model/tags.js";
import { refuseUnmodelled } from "./unsupported.js";
import type { ActionTable } from "./action.js";
import { inRange } from "./parameter-checks.js";

function time(params: QueryParams, name: string): Date | undefined {
  const value = params.string(name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalidValue(`${name}: "${value}" is not an ISO 8601 time.`);
  return date;
}

/** DescribeEvents: the last hour by default (Duration in minutes, up to 14 days), newest first. */
function describeEvents(params: QueryParams, state: EmulatorState): XmlObject {
  const sourceType = params.string("SourceType");
  if (sourceType !== undefined && !EVENT_SOURCE_TYPES.includes(sourceType)) {
    throw invalidValue(
      `SourceType: "${sourceType}" is not valid; use one of ${EVENT_SOURCE_TYPES.join(", ")}.`,
    );
  }
  const sourceIdentifier = params.string("SourceIdentifier");
  const duration = params.int("Duration");
  if (duration !== undefined) inRange("Duration", duration, 1, 20_160);
  const now = new Date();
  const end = time(params, "EndTime") ?? now;
  const start = time(params, "StartTime") ?? new Date(end.getTime() - (duration ?? 60) * 60_000);
  const events = state.events.query({
    sourceIdentifier: sourceIdentifier?.toLowerCase(),
    sourceType,
    start,
    end,
  });
  const page = paginate(events, params.int("MaxRecords"), params.string("Marker"));
  return {
    Marker: page.marker,
    Events: xmlList(
      page.items.map((event) => ({
        SourceIdentifier: event.sourceIdentifier,
        SourceType: event.sourceType,
        Message: event.message,
        Date: event.date,
      })),
      "Event",
    ),
  };
}

const snapshotShape = (snapshot: Snapshot): XmlObject => ({
  SnapshotName: snapshot.name,
  ReplicationGroupId: snapshot.replicationGroupId,
  ReplicationGroupDescription: snapshot.replicationGroupDescription,
  SnapshotStatus: snapshot.status,
  SnapshotSource: snapshot.source,
  CacheNodeType: snapshot.cacheNodeType,
  Engine: snapshot.engine,
  EngineVersion: snapshot.engineVersion,
  CacheParameterGroupName: snapshot.parameterGroup,
  CacheSubnetGroupName: snapshot.subnetGroup,
  NumNodeGroups: snapshot.numNodeGroups,
  AutomaticFailover: snapshot.automaticFailover ? "enabled" : "disabled",
  NodeSnapshots: xmlList(
    [
      {
        CacheClusterId: `${snapshot.replicationGroupId}-001`,
        NodeGroupId: "0001",
        CacheNodeId: "0001",
        SnapshotCreateTime: snapshot.createdAt,
      },
    ],
    "NodeSnapshot",
  ),
  ARN: snapshot.arn,
  DataTiering: "disabled",
});

function describeSnapshots(params: QueryParams, state: EmulatorState): XmlObject {
  const name = params.string("SnapshotName");
  const groupId = params.string("ReplicationGroupId")?.toLowerCase();
  const source = params.string("SnapshotSource");
  if (params.string("CacheClusterId") !== undefined) {
    throw invalidValue(
      "CacheClusterId: snapshots of single cache clusters are not modelled; use ReplicationGroupId.",
    );
  }
  if (source !== undefined && !["system", "user", "manual"].includes(source)) {
    throw invalidValue(`SnapshotSource: "${source}" is not valid; use system or user.`);
  }
  let snapshots = [...state.snapshots.values()];
  if (name !== undefined) {
    snapshots = snapshots.filter((snapshot) => snapshot.name === name);
    if (snapshots.length === 0) throw fault("SnapshotNotFoundFault", `Snapshot ${name} not found.`);
  }
  if (groupId !== undefined)
    snapshots = snapshots.filter((snapshot) => snapshot.replicationGroupId === groupId);
  // Every snapshot here is taken on request, which AWS lists as source "user".
  if (source === "system") snapshots = [];
  const page = paginate(snapshots, params.int("MaxRecords") ?? 50, params.string("Marker"));
  return { Marker: page.marker, Snapshots: xmlList(page.items.map(snapshotShape), "Snapshot") };
}

/** CreateSnapshot of a replication group: `creating`, then the engine's data set saved. */
function createSnapshot(params: QueryParams, state: EmulatorState): XmlObject {
  refuseUnmodelled(params, ["CacheClusterId", "KmsKeyId"]);
  const name = snapshotName("SnapshotName", params.required("SnapshotName"));
  const group = replicationGroup(state, params.required("ReplicationGroupId"));
  if (group.status !== "available") {
    throw fault(
      "InvalidReplicationGroupState",
      `Replication group ${group.id} is ${group.status}; it must be available.`,
    );
  }
  const tags = readTags(params);
  if (state.snapshots.has(name))
    throw fault("SnapshotAlreadyExistsFault", `Snapshot ${name} already exists.`);
  const write = snapshotReplicationGroup(state, group, name);
  const snapshot = state.snapshots.get(name);
  if (snapshot) state.tags.add(snapshot.arn, tags);
  const { background, delays } = state.deps;
  background.run(`snapshot ${name}`, async () => {
    await background.wait(delays.createMs);
    await write();
  });
  return { Snapshot: snapshot ? snapshotShape(snapshot) : undefined };
}

function deleteSnapshot(params: QueryParams, state: EmulatorState): XmlObject {
  const name = params.required("SnapshotName");
  const snapshot = state.snapshots.get(name);
  if (!snapshot) throw fault("SnapshotNotFoundFault", `Snapshot ${name} not found.`);
  if (snapshot.status !== "available") {
    throw fault(
      "InvalidSnapshotState",
      `Snapshot ${name} is ${snapshot.status}; it can be deleted when available.`,
    );
  }
  removeSnapshot(state, snapshot);
  return { Snapshot: snapshotShape(snapshot) };
}

export const eventAndSnapshotActions: ActionTable = {
  DescribeEvents: describeEvents,
  CreateSnapshot: createSnapshot,
  DescribeSnapshots: describeSnapshots,
  DeleteSnapshot: deleteSnapshot,
};
