import { PARAMETER_GROUP_FAMILIES } from "../model/cache-parameters.js";
import { ENGINE_VERSIONS, parameterGroupFamily } from "../model/engine-versions.js";
import { paginate } from "../model/paginate.js";
import { PARAMETER_CATALOG, type ParameterInfo } from "../model/parameter-catalog.js";
import { invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { parameterGroup as findParameterGroup } from "../service/lookups.js";
import type { ActionTable } from "./action.js";

const ENGINE_NAMES = { redis: "Redis", valkey: "Valkey" } as const;

/** DescribeCacheEngineVersions: the versions CreateReplicationGroup accepts, with their families. */
function describeCacheEngineVersions(params: QueryParams): XmlObject {
  const engine = params.string("Engine")?.toLowerCase();
  const version = params.string("EngineVersion");
  const family = params.string("CacheParameterGroupFamily");
  const defaultOnly = params.bool("DefaultOnly") ?? false;
  const entries = Object.entries(ENGINE_VERSIONS).flatMap(([name, versions]) => {
    const key = name as keyof typeof ENGINE_VERSIONS;
    const listed = defaultOnly ? versions.slice(-1) : versions;
    return listed.map((each) => ({
      Engine: key,
      EngineVersion: each,
      CacheParameterGroupFamily: parameterGroupFamily(key, each),
      CacheEngineDescription: ENGINE_NAMES[key],
      CacheEngineVersionDescription: `${ENGINE_NAMES[key]} ${each}`,
    }));
  });
  const matching = entries.filter(
    (entry) =>
      (engine === undefined || entry.Engine === engine) &&
      (version === undefined || entry.EngineVersion === version) &&
      (family === undefined || entry.CacheParameterGroupFamily === family),
  );
  const page = paginate(matching, params.int("MaxRecords"), params.string("Marker"));
  return { Marker: page.marker, CacheEngineVersions: xmlList(page.items, "CacheEngineVersion") };
}

const parameterShape = (info: ParameterInfo, value: string, source: string): XmlObject => ({
  ParameterName: info.name,
  ParameterValue: value,
  Description: info.description,
  Source: source,
  DataType: info.dataType,
  AllowedValues: info.allowedValues,
  IsModifiable: true,
  MinimumEngineVersion: info.name === "cluster-enabled" ? "3.2.4" : "2.8.6",
  ChangeType: info.changeType,
});

/** DescribeCacheParameters: a group's parameters, `user` where the group sets them, else the engine's default. */
function describeCacheParameters(params: QueryParams, state: EmulatorState): XmlObject {
  const group = findParameterGroup(state, params.required("CacheParameterGroupName"));
  const source = params.string("Source");
  if (source !== undefined && !["user", "system", "engine-default"].includes(source)) {
    throw invalidValue(`Source: "${source}" is not valid; use user, system or engine-default.`);
  }
  const all = PARAMETER_CATALOG.map((info) => {
    const set = group.parameters.get(info.name);
    // Default groups' own values (cluster-enabled of *.cluster.on) are the system's, not the user's.
    const origin = set === undefined ? "engine-default" : group.isDefault ? "system" : "user";
    return parameterShape(info, set ?? info.defaultValue, origin);
  });
  const listed = source === undefined ? all : all.filter((parameter) => parameter.Source === source);
  const page = paginate(listed, params.int("MaxRecords"), params.string("Marker"));
  return {
    Marker: page.marker,
    Parameters: xmlList(page.items, "Parameter"),
    CacheNodeTypeSpecificParameters: xmlList([], "CacheNodeTypeSpecificParameter"),
  };
}

/** DescribeEngineDefaultParameters: a family's defaults. */
function describeEngineDefaultParameters(params: QueryParams): XmlObject {
  const family = params.required("CacheParameterGroupFamily");
  if (!PARAMETER_GROUP_FAMILIES.includes(family)) {
    throw invalidValue(
      `CacheParameterGroupFamily: "${family}" is not valid; use one of ${PARAMETER_GROUP_FAMILIES.join(", ")}.`,
    );
  }
  const page = paginate(
    PARAMETER_CATALOG.map((info) => parameterShape(info, info.defaultValue, "engine-default")),
    params.int("MaxRecords"),
    params.string("Marker"),
  );
  return {
    EngineDefaults: {
      CacheParameterGroupFamily: family,
      Marker: page.marker,
      Parameters: xmlList(page.items, "Parameter"),
      CacheNodeTypeSpecificParameters: xmlList([], "CacheNodeTypeSpecificParameter"),
    },
  };
}

export const engineCatalogActions: ActionTable = {
  DescribeCacheEngineVersions: describeCacheEngineVersions,
  DescribeCacheParameters: describeCacheParameters,
  DescribeEngineDefaultParameters: describeEngineDefaultParameters,
};
