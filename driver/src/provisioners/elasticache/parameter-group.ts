import {
  CreateCacheParameterGroupCommand,
  DeleteCacheParameterGroupCommand,
  DescribeCacheEngineVersionsCommand,
  ModifyCacheParameterGroupCommand,
} from "@aws-sdk/client-elasticache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import { awsCall, awsFault } from "./aws-call.js";
import { isAlreadyExists, isNotFound } from "./aws-faults.js";
import type { ResourceContext } from "./resource-context.js";
import { resourceTags } from "./spec-codec.js";

/** ElastiCache's own default eviction policy: a resource that keeps it needs no parameter group. */
export const ENGINE_DEFAULT_POLICY = "volatile-lru";

export const needsParameterGroup = (spec: DriverInputs): boolean =>
  spec.maxmemory_policy !== ENGINE_DEFAULT_POLICY;

/** The parameter group family of an engine version, or undefined for the engine's default version. */
export function parameterGroupFamily(
  engine: DriverInputs["engine"],
  version: string | undefined,
): string | undefined {
  if (version === undefined) return undefined;
  const major = Number(version.split(".")[0]);
  if (engine === "valkey") return `valkey${major}`;
  if (major >= 7) return `redis${major}`;
  if (major === 6) return "redis6.x";
  return `redis${version.split(".").slice(0, 2).join(".")}`;
}

async function familyOf(ctx: ResourceContext, spec: DriverInputs): Promise<string> {
  const known = parameterGroupFamily(spec.engine, spec.engine_version);
  if (known) return known;
  const output = await awsCall("elasticache:DescribeCacheEngineVersions", spec.engine, () =>
    ctx.client.send(new DescribeCacheEngineVersionsCommand({ Engine: spec.engine, DefaultOnly: true })),
  );
  const family = output.CacheEngineVersions?.[0]?.CacheParameterGroupFamily;
  if (!family) throw new Error(`AWS names no default version of ${spec.engine}`);
  return family;
}

/** The resource's own parameter group with its eviction policy set; created when missing. */
export async function ensureParameterGroup(ctx: ResourceContext, spec: DriverInputs): Promise<string> {
  const name = ctx.names.parameterGroup;
  const family = await familyOf(ctx, spec);
  try {
    await ctx.client.send(
      new CreateCacheParameterGroupCommand({
        CacheParameterGroupName: name,
        CacheParameterGroupFamily: family,
        Description: `eviction policy of resource ${ctx.id} (elasticache-driver-kit)`,
        Tags: resourceTags(ctx.id, spec),
      }),
    );
  } catch (error) {
    if (!isAlreadyExists(error)) awsFault(error, "elasticache:CreateCacheParameterGroup", name);
  }
  await setEvictionPolicy(ctx, spec);
  return name;
}

export async function setEvictionPolicy(ctx: ResourceContext, spec: DriverInputs): Promise<void> {
  const parameters: { ParameterName: string; ParameterValue: string }[] = [
    { ParameterName: "maxmemory-policy", ParameterValue: spec.maxmemory_policy },
  ];
  // A cluster-mode replication group needs a parameter group that says so.
  if (spec.mode === "cluster") parameters.push({ ParameterName: "cluster-enabled", ParameterValue: "yes" });
  await awsCall("elasticache:ModifyCacheParameterGroup", ctx.names.parameterGroup, () =>
    ctx.client.send(
      new ModifyCacheParameterGroupCommand({
        CacheParameterGroupName: ctx.names.parameterGroup,
        ParameterNameValues: parameters,
      }),
    ),
  );
}

/** Deletes the resource's parameter group; absent is fine, still in use is retried later. */
export async function deleteParameterGroup(ctx: ResourceContext): Promise<void> {
  try {
    await ctx.client.send(
      new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: ctx.names.parameterGroup }),
    );
  } catch (error) {
    if (isNotFound(error) || (error as { name?: string }).name === "InvalidCacheParameterGroupStateFault")
      return;
    awsFault(error, "elasticache:DeleteCacheParameterGroup", ctx.names.parameterGroup);
  }
}
