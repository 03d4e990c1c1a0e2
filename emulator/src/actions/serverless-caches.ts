import { majorEngineVersion } from "../model/engine-versions.js";
import { cacheId, engineName, snapshotName } from "../model/identifiers.js";
import { paginate } from "../model/paginate.js";
import type { CacheUsageLimits, ServerlessCache } from "../model/resources.js";
import { readTags } from "../model/tags.js";
import { fault, invalidCombination, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import { syncAcl } from "../service/cache-acl.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { attachableUserGroups, serverlessCache } from "../service/lookups.js";
import { snapshotServerlessCache } from "../service/snapshots.js";
import { startCache } from "../service/start-cache.js";
import { deleteCache, modifyCache } from "../service/transitions.js";
import { serverlessCacheShape } from "../shapes/serverless-cache-shape.js";
import type { ActionTable } from "./action.js";
import { inRange, securityGroupIds } from "./parameter-checks.js";
import { refuseUnmodelled } from "./unsupported.js";

function usageLimits(params: QueryParams): CacheUsageLimits | undefined {
  const limits = params.struct("CacheUsageLimits");
  if (!limits) return undefined;
  const storage = limits.struct("DataStorage");
  const ecpu = limits.struct("ECPUPerSecond");
  const unit = storage?.string("Unit");
  if (storage && unit !== "GB") {
    throw invalidValue(`CacheUsageLimits.DataStorage.Unit: "${unit ?? ""}" is not valid; the unit is GB.`);
  }
  const pair = (name: string, values: QueryParams | undefined, max: number) => {
    const minimum = values?.int("Minimum");
    const maximum = values?.int("Maximum");
    if (minimum !== undefined) inRange(`CacheUsageLimits.${name}.Minimum`, minimum, 1, max);
    if (maximum !== undefined) inRange(`CacheUsageLimits.${name}.Maximum`, maximum, 1, max);
    if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
      throw invalidCombination(
        `CacheUsageLimits.${name}: Minimum ${minimum} is greater than Maximum ${maximum}.`,
      );
    }
    return { minimum, maximum };
  };
  return {
    dataStorage: storage && { unit: "GB", ...pair("DataStorage", storage, 5_000) },
    ecpuPerSecond: ecpu && pair("ECPUPerSecond", ecpu, 15_000_000),
  };
}

function subnetIds(params: QueryParams): string[] {
  const ids = params.list("SubnetIds", "SubnetId") ?? [];
  const bad = ids.find((id) => !/^subnet-[0-9a-z]+$/.test(id));
  if (bad !== undefined) throw invalidValue(`SubnetIds: "${bad}" is not a subnet id (subnet-…).`);
  return ids;
}

function createServerlessCache(params: QueryParams, state: EmulatorState): XmlObject {
  refuseUnmodelled(params, ["SnapshotArnsToRestore"]);
  const id = cacheId("ServerlessCacheName", params.required("ServerlessCacheName"), "serverless cache");
  const engine = engineName("Engine", params.required("Engine"));
  const major = majorEngineVersion(engine, params.string("MajorEngineVersion"));
  const description = params.string("Description") ?? "";
  if (description.length > 255) throw invalidValue("Description: must be at most 255 characters.");
  const userGroupIds = attachableUserGroups(
    state,
    "UserGroupId",
    [params.string("UserGroupId")].flatMap((group) => (group ? [group.toLowerCase()] : [])),
    engine,
    true,
  );
  const limits = usageLimits(params);
  const tags = readTags(params);
  if (state.serverlessCaches.has(id)) {
    throw fault("ServerlessCacheAlreadyExistsFault", `Serverless cache ${id} already exists.`);
  }
  const cache: ServerlessCache = {
    kind: "serverless-cache",
    id,
    arn: state.arn("serverlesscache", id),
    createdAt: new Date(),
    description,
    status: "creating",
    engine,
    majorEngineVersion: major,
    usageLimits: limits,
    kmsKeyId: params.string("KmsKeyId"),
    securityGroupIds: securityGroupIds(params),
    subnetIds: subnetIds(params),
    userGroupId: userGroupIds[0],
    snapshotRetentionLimit: inRange(
      "SnapshotRetentionLimit",
      params.int("SnapshotRetentionLimit") ?? 0,
      0,
      35,
    ),
    dailySnapshotTime: params.string("DailySnapshotTime") ?? "04:00",
    backend: undefined,
  };
  state.serverlessCaches.set(id, cache);
  state.tags.add(cache.arn, tags);
  startCache(state, cache);
  return { ServerlessCache: serverlessCacheShape(cache) };
}

function describeServerlessCaches(params: QueryParams, state: EmulatorState): XmlObject {
  const name = params.string("ServerlessCacheName");
  const caches = name !== undefined ? [serverlessCache(state, name)] : [...state.serverlessCaches.values()];
  const page = paginate(caches, params.int("MaxResults") ?? 50, params.string("NextToken"), {
    parameter: "MaxResults",
    min: 1,
  });
  return { NextToken: page.marker, ServerlessCaches: xmlList(page.items.map(serverlessCacheShape)) };
}

function requireAvailable(cache: ServerlessCache): void {
  if (cache.status !== "available") {
    throw fault(
      "InvalidServerlessCacheStateFault",
      `Serverless cache ${cache.id} is ${cache.status}; it must be available.`,
    );
  }
}

function modifyServerlessCache(params: QueryParams, state: EmulatorState): XmlObject {
  const cache = serverlessCache(state, params.required("ServerlessCacheName"));
  requireAvailable(cache);
  const removeGroup = params.bool("RemoveUserGroup") ?? false;
  const newGroup = params.string("UserGroupId");
  if (removeGroup && newGroup !== undefined) {
    throw invalidCombination("RemoveUserGroup and UserGroupId cannot be given together.");
  }
  const engine =
    params.string("Engine") === undefined ? cache.engine : engineName("Engine", params.required("Engine"));
  if (cache.engine === "valkey" && engine === "redis")
    throw invalidCombination("Engine: a valkey cache cannot be changed to redis.");
  const major =
    params.string("MajorEngineVersion") === undefined && engine === cache.engine
      ? cache.majorEngineVersion
      : majorEngineVersion(engine, params.string("MajorEngineVersion"));
  const userGroupId = removeGroup
    ? undefined
    : newGroup !== undefined
      ? attachableUserGroups(state, "UserGroupId", [newGroup.toLowerCase()], engine, true)[0]
      : cache.userGroupId;
  const description = params.string("Description");
  if (description !== undefined && description.length > 255)
    throw invalidValue("Description: must be at most 255 characters.");
  const limits = usageLimits(params);
  const groups =
    params.list("SecurityGroupIds", "SecurityGroupId") === undefined ? undefined : securityGroupIds(params);
  const retention = params.int("SnapshotRetentionLimit");
  if (retention !== undefined) inRange("SnapshotRetentionLimit", retention, 0, 35);
  const dailySnapshotTime = params.string("DailySnapshotTime");
  modifyCache(state, cache, async () => {
    cache.engine = engine;
    cache.majorEngineVersion = major;
    cache.userGroupId = userGroupId;
    if (description !== undefined) cache.description = description;
    if (limits !== undefined) cache.usageLimits = limits;
    if (groups !== undefined) cache.securityGroupIds = groups;
    if (retention !== undefined) cache.snapshotRetentionLimit = retention;
    if (dailySnapshotTime !== undefined) cache.dailySnapshotTime = dailySnapshotTime;
    await syncAcl(state, cache);
  });
  return { ServerlessCache: serverlessCacheShape(cache) };
}

function deleteServerlessCache(params: QueryParams, state: EmulatorState): XmlObject {
  const cache = serverlessCache(state, params.required("ServerlessCacheName"));
  if (cache.status !== "available" && cache.status !== "create-failed") {
    throw fault(
      "InvalidServerlessCacheStateFault",
      `Serverless cache ${cache.id} is ${cache.status}; it can be deleted when it is available or create-failed.`,
    );
  }
  const finalSnapshot = params.string("FinalSnapshotName");
  let beforeStop: (() => Promise<void>) | undefined;
  if (finalSnapshot !== undefined) {
    const name = snapshotName("FinalSnapshotName", finalSnapshot);
    if (cache.status !== "available") {
      throw fault(
        "InvalidServerlessCacheStateFault",
        `Serverless cache ${cache.id} is ${cache.status}; a final snapshot needs an available cache.`,
      );
    }
    if (state.serverlessSnapshots.has(name)) {
      throw fault(
        "ServerlessCacheSnapshotAlreadyExistsFault",
        `Serverless cache snapshot ${name} already exists.`,
      );
    }
    beforeStop = snapshotServerlessCache(state, cache, name);
  }
  deleteCache(state, cache, beforeStop);
  return { ServerlessCache: serverlessCacheShape(cache) };
}

export const serverlessCacheActions: ActionTable = {
  CreateServerlessCache: createServerlessCache,
  DescribeServerlessCaches: describeServerlessCaches,
  ModifyServerlessCache: modifyServerlessCache,
  DeleteServerlessCache: deleteServerlessCache,
};
