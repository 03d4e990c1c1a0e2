import {
  AddTagsToResourceCommand,
  CreateCacheParameterGroupCommand,
  DeleteCacheParameterGroupCommand,
  DescribeCacheClustersCommand,
  DescribeCacheEngineVersionsCommand,
  DescribeCacheParameterGroupsCommand,
  ModifyCacheParameterGroupCommand,
  type CacheParameterGroup,
  type ReplicationGroup,
} from "@aws-sdk/client-elasticache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import { ProvisionerError } from "../provisioner-errors.js";
import { awsCall, awsFault, awsLookup } from "./aws-call.js";
import { faultName, isAlreadyExists, isNotFound } from "./aws-faults.js";
import type { ResourceContext } from "./resource-context.js";
import { DELETING_TAG, resourceTags } from "./spec-codec.js";

/** ElastiCache's own default eviction policy: a resource that keeps it needs no parameter group of its own. */
export const ENGINE_DEFAULT_POLICY = "volatile-lru";

/**
 * How long one creation may take from making the parameter group to the replication group that uses
 * it (one request, or a few looks while an RBAC user group becomes active). A lone parameter group
 * younger than this may be another replica's creation in progress, never a leftover.
 */
export const CREATION_WINDOW_MS = 15 * 60_000;

const DESCRIPTION_MARK = "(elasticache-driver-kit)";

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

/** The family of a new cache: from its `engine_version`, else from AWS's current default version. */
async function familyForCreate(ctx: ResourceContext, spec: DriverInputs): Promise<string> {
  const known = parameterGroupFamily(spec.engine, spec.engine_version);
  if (known) return known;
  const output = await awsCall("elasticache:DescribeCacheEngineVersions", spec.engine, () =>
    ctx.client.send(new DescribeCacheEngineVersionsCommand({ Engine: spec.engine, DefaultOnly: true })),
  );
  const family = output.CacheEngineVersions?.[0]?.CacheParameterGroupFamily;
  if (!family) throw new Error(`AWS names no default version of ${spec.engine}`);
  return family;
}

/**
 * The family of a running replication group: from the version its inputs name, else from the
 * engine version one of its member clusters runs. AWS's default version may have moved on since the group was made, and a parameter group of
 * another family is refused by ModifyReplicationGroup.
 */
export async function familyOfGroup(
  ctx: ResourceContext,
  group: ReplicationGroup,
  spec: DriverInputs,
): Promise<string> {
  // A version the inputs name is the one the group runs (AWS may add a patch, never a major).
  const named = parameterGroupFamily(spec.engine, spec.engine_version);
  if (named) return named;
  const member = group.MemberClusters?.[0];
  if (member) {
    const output = await awsCall("elasticache:DescribeCacheClusters", member, () =>
      ctx.client.send(new DescribeCacheClustersCommand({ CacheClusterId: member })),
    );
    const family = parameterGroupFamily(spec.engine, output.CacheClusters?.[0]?.EngineVersion);
    if (family) return family;
  }
  return familyForCreate(ctx, spec);
}

/**
 * The parameter group a new replication group is created with: the resource's own (created here)
 * when it sets an eviction policy; in cluster mode otherwise AWS's `default.<family>.cluster.on`,
 * since a single-shard group without a cluster-mode parameter group can come out with cluster mode
 * off; else none (AWS's default group).
 */
export async function parameterGroupForCreate(
  ctx: ResourceContext,
  spec: DriverInputs,
): Promise<string | undefined> {
  if (needsParameterGroup(spec)) return ensureParameterGroup(ctx, spec, await familyForCreate(ctx, spec));
  if (spec.mode === "cluster") return `default.${await familyForCreate(ctx, spec)}.cluster.on`;
  return undefined;
}

/** The resource's own parameter group, found by name, or undefined. */
export async function describeParameterGroup(ctx: ResourceContext): Promise<CacheParameterGroup | undefined> {
  const output = await awsLookup("elasticache:DescribeCacheParameterGroups", ctx.names.parameterGroup, () =>
    ctx.client.send(
      new DescribeCacheParameterGroupsCommand({ CacheParameterGroupName: ctx.names.parameterGroup }),
    ),
  );
  return output?.CacheParameterGroups?.[0];
}

/** When the driver made a parameter group (its description says so), or undefined when it does not. */
export function parameterGroupCreatedAt(group: CacheParameterGroup): Date | undefined {
  const stamp = /created=(\S+)/.exec(group.Description ?? "")?.[1];
  const at = stamp ? new Date(stamp) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
}

/**
 * Makes the resource's own parameter group of `family` with its eviction policy, before any cache
 * uses it: `cluster-enabled` can be set only then (AWS refuses to change it on a group in use). A
 * group of that name and family is taken as is (another replica, or an earlier attempt, made it); one
 * of another family is replaced. A group deleted under the creation is no terminal error: the look
 * after retries the whole creation.
 */
export async function ensureParameterGroup(
  ctx: ResourceContext,
  spec: DriverInputs,
  family: string,
): Promise<string> {
  const name = ctx.names.parameterGroup;
  if (!(await createParameterGroup(ctx, spec, family))) {
    const existing = await describeParameterGroup(ctx);
    if (existing && existing.CacheParameterGroupFamily !== family) {
      // Left by an earlier resource of this GUResID on another engine version: replaced, never used.
      if (!(await deleteParameterGroup(ctx))) {
        throw new ProvisionerError(
          "conflict",
          `parameter group ${name} exists for ${existing.CacheParameterGroupFamily ?? "another family"}, not ${family}, and caches still use it`,
          { fix: "wait until the caches of the earlier resource of this id are deleted, then deploy again" },
        );
      }
      if (!(await createParameterGroup(ctx, spec, family))) throw vanished(name, "was made again meanwhile");
    }
  }
  const parameters: { ParameterName: string; ParameterValue: string }[] = [
    { ParameterName: "maxmemory-policy", ParameterValue: spec.maxmemory_policy },
  ];
  if (spec.mode === "cluster") parameters.push({ ParameterName: "cluster-enabled", ParameterValue: "yes" });
  await modifyParameters(ctx, parameters);
  return name;
}

async function createParameterGroup(
  ctx: ResourceContext,
  spec: DriverInputs,
  family: string,
): Promise<boolean> {
  const name = ctx.names.parameterGroup;
  const created = ctx
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, "Z");
  try {
    await ctx.client.send(
      new CreateCacheParameterGroupCommand({
        CacheParameterGroupName: name,
        CacheParameterGroupFamily: family,
        Description: `eviction policy of resource ${ctx.id} ${DESCRIPTION_MARK} created=${created}`,
        Tags: resourceTags(ctx.id, spec),
      }),
    );
    return true;
  } catch (error) {
    if (!isAlreadyExists(error)) awsFault(error, "elasticache:CreateCacheParameterGroup", name);
    return false;
  }
}

/** A parameter group that disappeared during the resource's own creation step: retried, never terminal. */
function vanished(name: string, how: string): ProvisionerError {
  return new ProvisionerError(
    "unavailable",
    `parameter group ${name} ${how} while this resource was being created; the next request creates it again`,
    { retryAfterSeconds: 5 },
  );
}

/** True when AWS says a parameter group named in the call does not exist. */
export const isParameterGroupNotFound = (error: unknown): boolean =>
  faultName(error) === "CacheParameterGroupNotFoundFault";

async function modifyParameters(
  ctx: ResourceContext,
  parameters: { ParameterName: string; ParameterValue: string }[],
): Promise<void> {
  const name = ctx.names.parameterGroup;
  try {
    await ctx.client.send(
      new ModifyCacheParameterGroupCommand({
        CacheParameterGroupName: name,
        ParameterNameValues: parameters,
      }),
    );
  } catch (error) {
    if (isParameterGroupNotFound(error)) throw vanished(name, "was deleted");
    awsFault(error, "elasticache:ModifyCacheParameterGroup", name);
  }
}

/**
 * An eviction-policy change on a group that has its own parameter group already: only
 * `maxmemory-policy`, since `cluster-enabled` cannot change on a parameter group in use.
 */
export async function setEvictionPolicy(ctx: ResourceContext, spec: DriverInputs): Promise<void> {
  await awsCall("elasticache:ModifyCacheParameterGroup", ctx.names.parameterGroup, () =>
    ctx.client.send(
      new ModifyCacheParameterGroupCommand({
        CacheParameterGroupName: ctx.names.parameterGroup,
        ParameterNameValues: [{ ParameterName: "maxmemory-policy", ParameterValue: spec.maxmemory_policy }],
      }),
    ),
  );
}

/**
 * Marks the resource's parameter group, when it has one, as left behind by a deletion, so a later
 * look removes it at once instead of waiting out the creation window. It is looked up first: the
 * driver's IAM policy allows tag writes only on objects tagged as its own, so a tag write on a
 * group that does not exist is refused as access denied rather than answered "not found".
 */
export async function markParameterGroupDeleting(ctx: ResourceContext): Promise<void> {
  const group = await describeParameterGroup(ctx);
  if (!group?.ARN) return;
  const arn = group.ARN;
  try {
    await ctx.client.send(
      new AddTagsToResourceCommand({
        ResourceName: arn,
        Tags: [
          {
            Key: DELETING_TAG,
            Value: ctx
              .now()
              .toISOString()
              .replace(/\.\d+Z$/, "Z"),
          },
        ],
      }),
    );
  } catch (error) {
    if (isNotFound(error)) return;
    awsFault(error, "elasticache:AddTagsToResource", arn);
  }
}

/**
 * Deletes the resource's parameter group. True once AWS has it gone (deleted now, or absent); false
 * while AWS refuses because caches (being deleted) still reference it: the caller reports
 * `deleting` and asks again on a later look.
 */
export async function deleteParameterGroup(ctx: ResourceContext): Promise<boolean> {
  const name = ctx.names.parameterGroup;
  try {
    await ctx.client.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: name }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return true;
    if (faultName(error) === "InvalidCacheParameterGroupStateFault") return false;
    awsFault(error, "elasticache:DeleteCacheParameterGroup", name);
  }
}
