import { parseArn } from "../model/arn.js";
import { readTags } from "../model/tags.js";
import { fault, missingParameter } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";
import * as find from "../service/lookups.js";
import type { ActionTable } from "./action.js";
import { findServerlessSnapshot } from "./serverless-snapshots.js";

/** The ARN of an existing resource; otherwise the resource type's own not-found fault. */
function existingResource(params: QueryParams, state: EmulatorState): string {
  const arn = params.required("ResourceName");
  const { type, id } = parseArn(state.deps.partition, arn);
  const lookups: Record<typeof type, () => { arn: string }> = {
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
  return lookups[type]().arn;
}

const tagList = (state: EmulatorState, arn: string): XmlObject => ({
  TagList: xmlList(state.tags.list(arn), "Tag"),
});

export const tagActions: ActionTable = {
  AddTagsToResource: (params, state) => {
    const arn = existingResource(params, state);
    const tags = readTags(params);
    if (tags.length === 0) throw missingParameter("Tags");
    state.tags.add(arn, tags);
    return tagList(state, arn);
  },
  ListTagsForResource: (params, state) => tagList(state, existingResource(params, state)),
  RemoveTagsFromResource: (params, state) => {
    const arn = existingResource(params, state);
    const keys = params.list("TagKeys") ?? [];
    if (keys.length === 0) throw missingParameter("TagKeys");
    state.tags.remove(arn, keys);
    return tagList(state, arn);
  },
};
