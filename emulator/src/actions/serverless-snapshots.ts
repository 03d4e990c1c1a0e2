import { paginate } from "../model/paginate.js";
import type { ServerlessSnapshot } from "../model/resources.js";
import { fault, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { serverlessCache } from "../service/lookups.js";
import { deleteSnapshot, snapshotServerlessCache } from "../service/snapshots.js";
import { snapshotName } from "../model/identifiers.js";
import { readTags } from "../model/tags.js";
import { refuseUnmodelled } from "./unsupported.js";
import type { ActionTable } from "./action.js";

const shape = (snapshot: ServerlessSnapshot): XmlObject => ({
  ServerlessCacheSnapshotName: snapshot.name,
  ARN: snapshot.arn,
  SnapshotType: "manual",
  Status: snapshot.status,
  CreateTime: snapshot.createdAt,
  BytesUsedForCache: snapshot.bytes === undefined ? undefined : String(snapshot.bytes),
  ServerlessCacheConfiguration: {
    ServerlessCacheName: snapshot.serverlessCacheName,
    Engine: snapshot.engine,
    MajorEngineVersion: snapshot.majorEngineVersion,
  },
});

export function findServerlessSnapshot(state: EmulatorState, name: string): ServerlessSnapshot {
  const found = state.serverlessSnapshots.get(name);
  if (!found)
    throw fault("ServerlessCacheSnapshotNotFoundFault", `Serverless cache snapshot ${name} not found.`);
  return found;
}

function describeServerlessCacheSnapshots(params: QueryParams, state: EmulatorState): XmlObject {
  const name = params.string("ServerlessCacheSnapshotName");
  const cacheName = params.string("ServerlessCacheName");
  const type = params.string("SnapshotType");
  if (type !== undefined && type !== "manual" && type !== "automated") {
    throw invalidValue(`SnapshotType: "${type}" is not valid; use manual or automated.`);
  }
  let snapshots =
    name !== undefined ? [findServerlessSnapshot(state, name)] : [...state.serverlessSnapshots.values()];
  if (cacheName !== undefined) {
    const id = cacheName.toLowerCase();
    // A cache that is gone may still have snapshots; only a name nothing knows is not found.
    if (
      !state.serverlessCaches.has(id) &&
      !snapshots.some((snapshot) => snapshot.serverlessCacheName === id)
    ) {
      serverlessCache(state, cacheName);
    }
    snapshots = snapshots.filter((snapshot) => snapshot.serverlessCacheName === id);
  }
  // Every snapshot here is taken on request.
  if (type === "automated") snapshots = [];
  const page = paginate(snapshots, params.int("MaxResults") ?? 50, params.string("NextToken"), {
    parameter: "MaxResults",
    min: 1,
  });
  return {
    NextToken: page.marker,
    ServerlessCacheSnapshots: xmlList(page.items.map(shape), "ServerlessCacheSnapshot"),
  };
}

function deleteServerlessCacheSnapshot(params: QueryParams, state: EmulatorState): XmlObject {
  const snapshot = findServerlessSnapshot(state, params.required("ServerlessCacheSnapshotName"));
  if (snapshot.status !== "available") {
    throw fault(
      "InvalidServerlessCacheSnapshotStateFault",
      `Serverless cache snapshot ${snapshot.name} is ${snapshot.status}; it can be deleted when available.`,
    );
  }
  deleteSnapshot(state, snapshot);
  return { ServerlessCacheSnapshot: shape(snapshot) };
}

/** CreateServerlessCacheSnapshot: `creating`, then the engine's data set saved after the create delay. */
function createServerlessCacheSnapshot(params: QueryParams, state: EmulatorState): XmlObject {
  refuseUnmodelled(params, ["KmsKeyId"]);
  const name = snapshotName("ServerlessCacheSnapshotName", params.required("ServerlessCacheSnapshotName"));
  const cache = serverlessCache(state, params.required("ServerlessCacheName"));
  if (cache.status !== "available") {
    throw fault(
      "InvalidServerlessCacheStateFault",
      `Serverless cache ${cache.id} is ${cache.status}; it must be available.`,
    );
  }
  const tags = readTags(params);
  if (state.serverlessSnapshots.has(name)) {
    throw fault(
      "ServerlessCacheSnapshotAlreadyExistsFault",
      `Serverless cache snapshot ${name} already exists.`,
    );
  }
  const write = snapshotServerlessCache(state, cache, name);
  const snapshot = findServerlessSnapshot(state, name);
  state.tags.add(snapshot.arn, tags);
  const { background, delays } = state.deps;
  background.run(`serverless snapshot ${name}`, async () => {
    await background.wait(delays.createMs);
    await write();
  });
  return { ServerlessCacheSnapshot: shape(snapshot) };
}

export const serverlessSnapshotActions: ActionTable = {
  CreateServerlessCacheSnapshot: createServerlessCacheSnapshot,
  DescribeServerlessCacheSnapshots: describeServerlessCacheSnapshots,
  DeleteServerlessCacheSnapshot: deleteServerlessCacheSnapshot,
};
