import {
  checkParameter,
  PARAMETER_GROUP_FAMILIES,
  START_ONLY_PARAMETERS,
} from "../model/cache-parameters.js";
import { groupName } from "../model/identifiers.js";
import { paginate } from "../model/paginate.js";
import type { ParameterGroup } from "../model/resources.js";
import { readTags } from "../model/tags.js";
import { fault, invalidValue, missingParameter } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { parameterGroup as findParameterGroup } from "../service/lookups.js";
import type { ActionTable } from "./action.js";

const parameterGroupShape = (group: ParameterGroup): XmlObject => ({
  CacheParameterGroupName: group.name,
  CacheParameterGroupFamily: group.family,
  Description: group.description,
  IsGlobal: false,
  ARN: group.arn,
});

function createCacheParameterGroup(params: QueryParams, state: EmulatorState): XmlObject {
  const name = groupName("CacheParameterGroupName", params.required("CacheParameterGroupName"), true);
  const family = params.required("CacheParameterGroupFamily");
  const description = params.required("Description");
  if (!PARAMETER_GROUP_FAMILIES.includes(family)) {
    throw invalidValue(
      `CacheParameterGroupFamily: "${family}" is not valid; use one of ${PARAMETER_GROUP_FAMILIES.join(", ")}.`,
    );
  }
  if (name.startsWith("default."))
    throw invalidValue(`CacheParameterGroupName: names beginning with "default." are reserved.`);
  const tags = readTags(params);
  if (state.parameterGroups.has(name)) {
    throw fault("CacheParameterGroupAlreadyExists", `Cache parameter group ${name} already exists.`);
  }
  const group: ParameterGroup = {
    name,
    arn: state.arn("parametergroup", name),
    family,
    description,
    isDefault: false,
    parameters: new Map(),
  };
  state.parameterGroups.set(name, group);
  state.tags.add(group.arn, tags);
  return { CacheParameterGroup: parameterGroupShape(group) };
}

/** Sets parameters and applies them at once to every replication group that uses the group. */
async function modifyCacheParameterGroup(params: QueryParams, state: EmulatorState): Promise<XmlObject> {
  const group = findParameterGroup(state, params.required("CacheParameterGroupName"));
  if (group.isDefault) {
    throw fault(
      "InvalidCacheParameterGroupState",
      `Default parameter group ${group.name} cannot be modified; create your own.`,
    );
  }
  const values = params.structList("ParameterNameValues", "ParameterNameValue") ?? [];
  if (values.length === 0) throw missingParameter("ParameterNameValues");
  const changes = values.map((entry) => {
    const name = entry.required("ParameterName");
    const value = entry.required("ParameterValue");
    checkParameter(group.family, name, value);
    return [name, value] as const;
  });
  const users = [...state.replicationGroups.values()].filter((cache) => cache.parameterGroup === group.name);
  const clusterChange = changes.find(
    ([name, value]) => name === "cluster-enabled" && value !== (group.parameters.get(name) ?? "no"),
  );
  if (clusterChange && users.length > 0) {
    throw invalidValue(
      `The parameter cluster-enabled cannot be modified: cache parameter group ${group.name} is in use by replication group ${users[0]?.id}.`,
    );
  }
  for (const [name, value] of changes) group.parameters.set(name, value);
  for (const cache of users) {
    if (!cache.backend) continue;
    for (const [name, value] of changes) {
      if (!START_ONLY_PARAMETERS.has(name)) await cache.backend.configSet(name, value);
    }
  }
  state.events.record("cache-parameter-group", group.name, `Cache parameter group ${group.name} modified`);
  return { CacheParameterGroupName: group.name };
}

function describeCacheParameterGroups(params: QueryParams, state: EmulatorState): XmlObject {
  const name = params.string("CacheParameterGroupName");
  const groups = name !== undefined ? [findParameterGroup(state, name)] : [...state.parameterGroups.values()];
  const page = paginate(groups, params.int("MaxRecords"), params.string("Marker"));
  return {
    Marker: page.marker,
    CacheParameterGroups: xmlList(page.items.map(parameterGroupShape), "CacheParameterGroup"),
  };
}

function deleteCacheParameterGroup(params: QueryParams, state: EmulatorState): undefined {
  const group = findParameterGroup(state, params.required("CacheParameterGroupName"));
  if (group.isDefault) {
    throw fault(
      "InvalidCacheParameterGroupState",
      `Default parameter group ${group.name} cannot be deleted.`,
    );
  }
  const user = [...state.replicationGroups.values()].find((cache) => cache.parameterGroup === group.name);
  if (user) {
    throw fault(
      "InvalidCacheParameterGroupState",
      `Cache parameter group ${group.name} is in use by replication group ${user.id}.`,
    );
  }
  state.parameterGroups.delete(group.name);
  state.tags.forget(group.arn);
  return undefined;
}

export const parameterGroupActions: ActionTable = {
  CreateCacheParameterGroup: createCacheParameterGroup,
  ModifyCacheParameterGroup: modifyCacheParameterGroup,
  DescribeCacheParameterGroups: describeCacheParameterGroups,
  DeleteCacheParameterGroup: deleteCacheParameterGroup,
};
