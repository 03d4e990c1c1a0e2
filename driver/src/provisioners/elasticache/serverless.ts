import {
  CreateServerlessCacheCommand,
  DeleteServerlessCacheCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeServerlessCachesCommand,
  ModifyServerlessCacheCommand,
  type ServerlessCache,
} from "@aws-sdk/client-elasticache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import { configHash } from "../../lifecycle/config-hash.js";
import type { ResourceRequest, ResourceState } from "../provisioner.js";
import { ProvisionerError } from "../provisioner-errors.js";
import { awsCall, awsFault, awsLookup } from "./aws-call.js";
import { faultName, isAlreadyExists } from "./aws-faults.js";
import { failureEvents } from "./cache-events.js";
import { finalSnapshotName } from "./names.js";
import { describeUser, ensureUser, ensureUserGroup, setPasswords, usersFor } from "./rbac.js";
import type { ResourceContext } from "./resource-context.js";
import { cacheDescription, parseCacheDescription, resourceTags } from "./spec-codec.js";
import { markDeleting, syncTags } from "./tagging.js";

export async function describeServerless(ctx: ResourceContext): Promise<ServerlessCache | undefined> {
  const output = await awsLookup("elasticache:DescribeServerlessCaches", ctx.names.cache, () =>
    ctx.client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: ctx.names.cache })),
  );
  return output?.ServerlessCaches?.[0];
}

function notOurs(id: string): ProvisionerError {
  return new ProvisionerError(
    "conflict",
    `serverless cache ${id} exists and was not created by this driver`,
    { field: "path.guresid" },
  );
}

/** The state of a serverless resource from its cache (statuses arrive lowercase; no SDK waiter exists). */
export async function serverlessState(ctx: ResourceContext, cache: ServerlessCache): Promise<ResourceState> {
  const description = parseCacheDescription(cache.Description);
  if (!description) throw notOurs(ctx.names.cache);
  const status = (cache.Status ?? "").toLowerCase();
  const spec = await ctx.specs.specOf(ctx.client, cache.ARN ?? "", description, status);
  switch (status) {
    case "creating":
      return { status: "creating", spec, since: cache.CreateTime ?? ctx.now() };
    case "deleting":
      return { status: "deleting", spec, since: ctx.now() };
    case "create-failed":
      return {
        status: "failed",
        spec,
        reason: await failureEvents(ctx.client, ctx.names.cache, "serverless-cache"),
      };
    case "available":
      if (description.auth !== undefined && description.auth.newest !== spec.auth_generation) {
        return rotationState(ctx, cache, spec);
      }
      return { status: "available", spec, endpoint: endpointOf(cache, spec) };
    default:
      return { status: "updating", spec: await targetSpec(ctx, cache, spec), since: ctx.now() };
  }
}

function endpointOf(cache: ServerlessCache, spec: DriverInputs) {
  return {
    host: cache.Endpoint?.Address ?? "",
    port: cache.Endpoint?.Port ?? 6379,
    tls: true,
    username: spec.username ?? "default",
  };
}

/**
 * The state of an available cache whose description says a rotation started: its ModifyUser
 * succeeded, but the new password is handed out only once the user is `active` again (while it is
 * `modifying`, ElastiCache refuses the new password and the old one still works). The mark stays
 * until the next update, so each look costs one DescribeUsers more until then.
 */
async function rotationState(
  ctx: ResourceContext,
  cache: ServerlessCache,
  spec: DriverInputs,
): Promise<ResourceState> {
  const user = await describeUser(ctx.client, ctx.names.user);
  if (user?.Status?.toLowerCase() !== "active") return { status: "updating", spec, since: ctx.now() };
  return { status: "available", spec, endpoint: endpointOf(cache, spec) };
}

/**
 * The inputs a modifying cache is being brought to: ElastiCache shows the new description only once
 * the change is done, but the tags, written before it, already name them. Without that, another
 * replica would take the update it is asked to repeat for a conflicting one.
 */
async function targetSpec(ctx: ResourceContext, cache: ServerlessCache, shown: DriverInputs) {
  const tagged = await ctx.specs.tagsOf(ctx.client, cache.ARN ?? "").catch(() => undefined);
  return tagged?.spec && configHash(tagged.spec) === tagged.configHash ? tagged.spec : shown;
}

/** Users and user group first, then the cache; a user group still being created makes the cache wait. */
export async function createServerless(ctx: ResourceContext, request: ResourceRequest): Promise<void> {
  const tags = resourceTags(ctx.id, request.spec);
  const users = usersFor(ctx.names, request.spec);
  for (const user of users) await ensureUser(ctx.client, user, request.password, tags);
  await ensureUserGroup(
    ctx.client,
    ctx.names.userGroup,
    users.map((user) => user.id),
    tags,
  );
  await createServerlessCache(ctx, request.spec);
}

const majorVersion = (spec: DriverInputs) => spec.engine_version?.split(".")[0];

/**
 * Caps on what a serverless cache may use, and so bill: without them it scales (and charges)
 * without bound. The defaults bound a month at about 10 GB × 730 h of storage and 5000 ECPU/s.
 */
export const SERVERLESS_LIMIT_DEFAULTS = { data_storage_gb: 10, ecpu_per_second: 5000 } as const;

function cacheUsageLimits(spec: DriverInputs) {
  const limits = { ...SERVERLESS_LIMIT_DEFAULTS, ...spec.usage_limits };
  return {
    DataStorage: { Maximum: limits.data_storage_gb, Unit: "GB" as const },
    ECPUPerSecond: { Maximum: limits.ecpu_per_second },
  };
}

async function subnetIdsOf(ctx: ResourceContext, subnetGroup: string): Promise<string[]> {
  const output = await awsCall("elasticache:DescribeCacheSubnetGroups", subnetGroup, () =>
    ctx.client.send(new DescribeCacheSubnetGroupsCommand({ CacheSubnetGroupName: subnetGroup })),
  );
  return (output.CacheSubnetGroups?.[0]?.Subnets ?? []).flatMap((subnet) =>
    subnet.SubnetIdentifier ? [subnet.SubnetIdentifier] : [],
  );
}

/** CreateServerlessCache; a user group that is not active yet is no error (a later look retries). */
export async function createServerlessCache(ctx: ResourceContext, spec: DriverInputs): Promise<void> {
  const network = await ctx.network.resolve(ctx.clients, spec);
  const subnetIds = network.subnetGroup ? await subnetIdsOf(ctx, network.subnetGroup) : [];
  const major = majorVersion(spec);
  try {
    const output = await ctx.client.send(
      new CreateServerlessCacheCommand({
        ServerlessCacheName: ctx.names.cache,
        Description: cacheDescription(spec),
        Engine: spec.engine,
        ...(major ? { MajorEngineVersion: major } : {}),
        ...(subnetIds.length > 0 ? { SubnetIds: subnetIds } : {}),
        ...(network.securityGroupIds ? { SecurityGroupIds: network.securityGroupIds } : {}),
        UserGroupId: ctx.names.userGroup,
        CacheUsageLimits: cacheUsageLimits(spec),
        Tags: resourceTags(ctx.id, spec),
      }),
    );
    if (output.ServerlessCache?.ARN) ctx.specs.remember(output.ServerlessCache.ARN, spec);
  } catch (error) {
    if (faultName(error) === "InvalidUserGroupStateFault") {
      ctx.logger.debug({ guresid: ctx.id }, "user group not active yet; the serverless cache follows");
      return;
    }
    if (!isAlreadyExists(error)) awsFault(error, "elasticache:CreateServerlessCache", ctx.names.cache);
    const existing = parseCacheDescription((await describeServerless(ctx))?.Description);
    if (!existing) throw notOurs(ctx.names.cache);
    if (existing.configHash !== configHash(spec)) {
      throw new ProvisionerError(
        "conflict",
        `serverless cache ${ctx.names.cache} is being created with other inputs by another request`,
        {
          fix: "wait for that creation to end, then PUT the inputs you want as an update",
        },
      );
    }
  }
}

/** Tags, password rotation (the user keeps the current password beside the new one), engine upgrade. */
export async function updateServerless(
  ctx: ResourceContext,
  request: ResourceRequest,
  previous: DriverInputs,
): Promise<void> {
  const { spec } = request;
  const cache = await describeServerless(ctx);
  if (!cache?.ARN)
    throw new ProvisionerError("unavailable", `serverless cache ${ctx.names.cache} is not there to update`, {
      retryAfterSeconds: 15,
    });
  const rotating = spec.auth_generation !== previous.auth_generation;
  // The passwords first: what records the new inputs (tags, description) follows only once ModifyUser
  // succeeded, and the description marks the rotation as unfinished until the user is active again
  // (see rotationState), so no answer hands out the new password before it works.
  if (rotating) {
    await setPasswords(
      ctx.client,
      ctx.names.user,
      [request.previousPassword, request.password].filter((p): p is string => p !== undefined),
    );
  }
  await syncTags(ctx.client, cache.ARN, ctx.id, spec, previous);
  const major = majorVersion(spec);
  await awsCall("elasticache:ModifyServerlessCache", ctx.names.cache, () =>
    ctx.client.send(
      new ModifyServerlessCacheCommand({
        ServerlessCacheName: ctx.names.cache,
        Description: cacheDescription(spec, rotating ? { newest: previous.auth_generation } : undefined),
        ...(major && major !== majorVersion(previous)
          ? { Engine: spec.engine, MajorEngineVersion: major }
          : {}),
        ...(JSON.stringify(spec.usage_limits) !== JSON.stringify(previous.usage_limits)
          ? { CacheUsageLimits: cacheUsageLimits(spec) }
          : {}),
      }),
    ),
  );
  ctx.specs.remember(cache.ARN, spec);
}

/** Starts deleting an available or failed serverless cache; its users follow once it is gone. */
export async function deleteServerless(ctx: ResourceContext, cache: ServerlessCache): Promise<void> {
  const status = (cache.Status ?? "").toLowerCase();
  if (status !== "available" && status !== "create-failed") return;
  const description = parseCacheDescription(cache.Description);
  if (!description) throw notOurs(ctx.names.cache);
  const spec = await ctx.specs.specOf(ctx.client, cache.ARN ?? "", description, status);
  await markDeleting(ctx, cache.ARN ?? "");
  const snapshot = spec.deletion_policy === "snapshot" && status === "available";
  await awsCall("elasticache:DeleteServerlessCache", ctx.names.cache, () =>
    ctx.client.send(
      new DeleteServerlessCacheCommand({
        ServerlessCacheName: ctx.names.cache,
        ...(snapshot ? { FinalSnapshotName: finalSnapshotName(ctx.names.cache, ctx.now()) } : {}),
      }),
    ),
  );
}
