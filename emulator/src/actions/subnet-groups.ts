import { groupName } from "../model/identifiers.js";
import { paginate } from "../model/paginate.js";
import type { SubnetGroup } from "../model/resources.js";
import { readTags } from "../model/tags.js";
import { fault, invalidValue, missingParameter } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import { DEFAULT_SUBNET_GROUP, type EmulatorState } from "../service/emulator-state.js";
import { subnetGroup as findSubnetGroup } from "../service/lookups.js";
import type { ActionTable } from "./action.js";

const subnetGroupShape = (state: EmulatorState, group: SubnetGroup): XmlObject => ({
  CacheSubnetGroupName: group.name,
  CacheSubnetGroupDescription: group.description,
  VpcId: group.vpcId,
  Subnets: xmlList(
    group.subnetIds.map((id, index) => ({
      SubnetIdentifier: id,
      SubnetAvailabilityZone: { Name: `${state.deps.partition.region}${"abc"[index % 3]}` },
      SupportedNetworkTypes: xmlList(["ipv4"]),
    })),
    "Subnet",
  ),
  ARN: group.arn,
  SupportedNetworkTypes: xmlList(["ipv4"]),
});

function createCacheSubnetGroup(params: QueryParams, state: EmulatorState): XmlObject {
  const name = groupName("CacheSubnetGroupName", params.required("CacheSubnetGroupName"));
  const description = params.required("CacheSubnetGroupDescription");
  const subnetIds = params.list("SubnetIds", "SubnetIdentifier") ?? [];
  if (subnetIds.length === 0) throw missingParameter("SubnetIds");
  const bad = subnetIds.find((id) => !/^subnet-[0-9a-z]+$/.test(id));
  if (bad !== undefined)
    throw fault("InvalidSubnet", `The subnet ID ${bad} is not valid (expected subnet-…).`);
  const tags = readTags(params);
  if (state.subnetGroups.has(name)) {
    throw fault("CacheSubnetGroupAlreadyExists", `Cache subnet group ${name} already exists.`);
  }
  const group: SubnetGroup = {
    name,
    arn: state.arn("subnetgroup", name),
    description,
    vpcId: state.deps.vpcId,
    subnetIds: [...new Set(subnetIds)],
  };
  state.subnetGroups.set(name, group);
  state.tags.add(group.arn, tags);
  return { CacheSubnetGroup: subnetGroupShape(state, group) };
}

/** ModifyCacheSubnetGroup: a new description and/or subnet list (at least one subnet). */
function modifyCacheSubnetGroup(params: QueryParams, state: EmulatorState): XmlObject {
  const group = findSubnetGroup(state, params.required("CacheSubnetGroupName"));
  const description = params.string("CacheSubnetGroupDescription");
  const subnetIds = params.list("SubnetIds", "SubnetIdentifier");
  if (subnetIds !== undefined) {
    if (subnetIds.length === 0) throw missingParameter("SubnetIds");
    const bad = subnetIds.find((id) => !/^subnet-[0-9a-z]+$/.test(id));
    if (bad !== undefined)
      throw fault("InvalidSubnet", `The subnet ID ${bad} is not valid (expected subnet-…).`);
    group.subnetIds = [...new Set(subnetIds)];
  }
  if (description !== undefined) group.description = description;
  return { CacheSubnetGroup: subnetGroupShape(state, group) };
}

function describeCacheSubnetGroups(params: QueryParams, state: EmulatorState): XmlObject {
  const name = params.string("CacheSubnetGroupName");
  const groups = name !== undefined ? [findSubnetGroup(state, name)] : [...state.subnetGroups.values()];
  const page = paginate(groups, params.int("MaxRecords"), params.string("Marker"));
  return {
    Marker: page.marker,
    CacheSubnetGroups: xmlList(
      page.items.map((group) => subnetGroupShape(state, group)),
      "CacheSubnetGroup",
    ),
  };
}

function deleteCacheSubnetGroup(params: QueryParams, state: EmulatorState): undefined {
  const group = findSubnetGroup(state, params.required("CacheSubnetGroupName"));
  if (group.name === DEFAULT_SUBNET_GROUP) throw invalidValue("Cannot delete default cache subnet group.");
  const user = [...state.replicationGroups.values()].find(
    (candidate) => candidate.subnetGroup === group.name,
  );
  if (user) {
    throw fault(
      "CacheSubnetGroupInUse",
      `Cache subnet group ${group.name} is in use by replication group ${user.id}.`,
    );
  }
  state.subnetGroups.delete(group.name);
  state.tags.forget(group.arn);
  return undefined;
}

export const subnetGroupActions: ActionTable = {
  ModifyCacheSubnetGroup: modifyCacheSubnetGroup,
  CreateCacheSubnetGroup: createCacheSubnetGroup,
  DescribeCacheSubnetGroups: describeCacheSubnetGroups,
  DeleteCacheSubnetGroup: deleteCacheSubnetGroup,
};
