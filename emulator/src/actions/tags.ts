import { parseArn } from "../model/arn.js";
import type { Cache } from "../model/resources.js";
import { readTags } from "../model/tags.js";
import { fault, missingParameter } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";
import * as find from "../service/lookups.js";
import { settleAfterTagging } from "../service/transitions.js";
import type { ActionTable } from "./action.js";
import { findMemberCluster } from "./cache-clusters.js";
import { findServerlessSnapshot } from "./serverless-snapshots.js";

/**
 * The cache behind a tagging call, when it must be in a state that allows tagging: a replication
 * group only while `available`, a serverless cache only while `available` or `modifying` (AWS
 * refuses both otherwise, reads included).
 */
function requireTaggable(cache: Cache): void {
  if (cache.kind === "replication-group" && cache.status !== "available") {
    throw fault(
      "InvalidReplicationGroupState",
      `Cluster not in available state to perform tagging operations (replication group ${cache.id} is ${cache.status}).`,
    );
  }
  if (cache.kind === "serverless-cache" && cache.status !== "available" && cache.status !== "modifying") {
    throw fault(
      "InvalidServerlessCacheStateFault",
      `Serverless cache is not in an available state to perform the requested action (serverless cache ${cache.id} is ${cache.status}).`,
    );
  }
}

/** The ARN of an existing resource, and its cache if it is one; otherwise the type's not-found fault. */
function existingResource(params: QueryParams, state: EmulatorState): { arn: string; cache?: Cache } {
  const arn = params.required("ResourceName");
  const { type, id } = parseArn(state.deps.partition, arn);
  if (type === "cluster") {
    // A member cluster: tagged on its own ARN, under its replication group's state rules.
    const member = findMemberCluster(state, id);
    requireTaggable(member.group);
    return { arn: state.arn("cluster", member.id), cache: member.group };
  }
  const lookups: Record<Exclude<typeof type, "cluster">, () => { arn: string; kind?: string }> = {
    replicationgroup: () => find.replicationGroup(state, id),
    serverlesscache: () => find.serverlessCache(state, id),
    user: () => find.user(state, id),
    usergroup: () => find.userGroup(state, id),
    subnetgroup: () => find.subnetGroup(state, id),
    parametergroup: () => find.parameterGroup(state, id),
    serverlesscachesnapshot: () => findServerlessSnapshot(state, id),
    snapshot: () => {
      const snapshot = state.snapshots.get(id);
      if (!snapshot) throw fault("SnapshotNotFoundFault", `Snapshot ${id} not found.`);
      return snapshot;
    },
  };
  const found = lookups[type]();
  if (found.kind === "replication-group" || found.kind === "serverless-cache") {
    const cache = found as Cache;
    requireTaggable(cache);
    return { arn: found.arn, cache };
  }
  return { arn: found.arn };
}

const tagList = (state: EmulatorState, arn: string): XmlObject => ({
  TagList: xmlList(state.tags.list(arn), "Tag"),
});

export const tagActions: ActionTable = {
  AddTagsToResource: (params, state) => {
    const { arn, cache } = existingResource(params, state);
    const tags = readTags(params);
    if (tags.length === 0) throw missingParameter("Tags");
    state.tags.add(arn, tags);
    if (cache) settleAfterTagging(state, cache);
    return tagList(state, arn);
  },
  ListTagsForResource: (params, state) => tagList(state, existingResource(params, state).arn),
  RemoveTagsFromResource: (params, state) => {
    const { arn, cache } = existingResource(params, state);
    const keys = params.list("TagKeys") ?? [];
    if (keys.length === 0) throw missingParameter("TagKeys");
    state.tags.remove(arn, keys);
    if (cache) settleAfterTagging(state, cache);
    return tagList(state, arn);
  },
};
