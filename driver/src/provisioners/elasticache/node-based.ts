import {
  CreateReplicationGroupCommand,
  DecreaseReplicaCountCommand,
  DeleteReplicationGroupCommand,
  DescribeReplicationGroupsCommand,
  IncreaseReplicaCountCommand,
  ModifyReplicationGroupCommand,
  type ModifyReplicationGroupCommandInput,
  type ReplicationGroup,
} from "@aws-sdk/client-elasticache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import { configHash } from "../../lifecycle/config-hash.js";
import type { ResourceRequest, ResourceState } from "../provisioner.js";
import { ProvisionerError } from "../provisioner-errors.js";
import { awsCall, awsFault, awsLookup } from "./aws-call.js";
import { isAlreadyExists } from "./aws-faults.js";
import { failureEvents } from "./cache-events.js";
import { cacheEndpoint, observedReplicas } from "./cache-endpoint.js";
import { finalSnapshotName } from "./names.js";
import {
  ensureParameterGroup,
  needsParameterGroup,
  parameterGroupFamily,
  setEvictionPolicy,
} from "./parameter-group.js";
import { ensureUser, ensureUserGroup, setPasswords, usersFor } from "./rbac.js";
import type { ResourceContext } from "./resource-context.js";
import { cacheDescription, parseCacheDescription, resourceTags } from "./spec-codec.js";
import { markDeleting, syncTags } from "./tagging.js";

/** A replication group authenticates with RBAC when the resource names its own user. */
export const usesRbac = (spec: DriverInputs): boolean =>
  spec.username !== undefined && spec.username !== "default";

export async function describeGroup(ctx: ResourceContext): Promise<ReplicationGroup | undefined> {
  const output = await awsLookup("elasticache:DescribeReplicationGroups", ctx.names.cache, () =>
    ctx.client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: ctx.names.cache })),
  );
  return output?.ReplicationGroups?.[0];
}

function notOurs(id: string): ProvisionerError {
  return new ProvisionerError(
    "conflict",
    `replication group ${id} exists and was not created by this driver`,
    {
      field: "path.guresid",
    },
  );
}

/**
 * The state of a node-based resource, or undefined when its replication group does not exist.
 * While available it finishes what the last update could not do in the same call (replica count,
 * AUTH token rotation), one step per look.
 */
export async function nodeBasedState(ctx: ResourceContext, group: ReplicationGroup): Promise<ResourceState> {
  const description = parseCacheDescription(group.Description);
  if (!description) throw notOurs(ctx.names.cache);
  const status = (group.Status ?? "").toLowerCase();
  const spec = await ctx.specs.specOf(ctx.client, group.ARN ?? "", description, status);
  const since = group.ReplicationGroupCreateTime ?? ctx.now();
  switch (status) {
    case "creating":
      return { status: "creating", spec, since };
    case "deleting":
      return { status: "deleting", spec, since: ctx.now() };
    case "create-failed":
      return {
        status: "failed",
        spec,
        reason: await failureEvents(ctx.client, ctx.names.cache, "replication-group"),
      };
    case "available":
      break;
    default:
      return { status: "updating", spec, since: ctx.now() };
  }
  // A rotation the last update started: the old token still works; the next PUT adds the new one.
  if (description.auth !== undefined && description.auth.newest !== spec.auth_generation) {
    const current = { ...spec, auth_generation: description.auth.newest };
    return { status: "available", spec: current, endpoint: endpointOf(group, spec) };
  }
  if (observedReplicas(group) !== spec.replicas) {
    await changeReplicaCount(ctx, group, spec.replicas);
    return { status: "updating", spec, since: ctx.now() };
  }
  return { status: "available", spec, endpoint: endpointOf(group, spec) };
}

function endpointOf(group: ReplicationGroup, spec: DriverInputs) {
  const endpoint = cacheEndpoint(group);
  return {
    host: endpoint?.Address ?? "",
    port: endpoint?.Port ?? spec.networking?.port ?? 6379,
    tls: group.TransitEncryptionEnabled ?? true,
    username: usesRbac(spec) ? (spec.username ?? "default") : "default",
  };
}

async function changeReplicaCount(
  ctx: ResourceContext,
  group: ReplicationGroup,
  replicas: number,
): Promise<void> {
  const input = { ReplicationGroupId: ctx.names.cache, NewReplicaCount: replicas, ApplyImmediately: true };
  if (replicas > observedReplicas(group)) {
    await awsCall("elasticache:IncreaseReplicaCount", ctx.names.cache, () =>
      ctx.client.send(new IncreaseReplicaCountCommand(input)),
    );
  } else {
    await awsCall("elasticache:DecreaseReplicaCount", ctx.names.cache, () =>
      ctx.client.send(new DecreaseReplicaCountCommand(input)),
    );
  }
}

/**
 * Starts a replication group. With a `username` its users and user group come first; when the user
 * group is not active yet, the replication group follows on a later look (see rbac-parts.ts).
 */
export async function createNodeBased(ctx: ResourceContext, request: ResourceRequest): Promise<void> {
  const { spec, password } = request;
  const tags = resourceTags(ctx.id, spec);
  if (usesRbac(spec)) {
    const users = usersFor(ctx.names, spec);
    for (const user of users) await ensureUser(ctx.client, user, password, tags);
    await ensureUserGroup(
      ctx.client,
      ctx.names.userGroup,
      users.map((user) => user.id),
      tags,
    );
  }
  await createGroup(ctx, spec, usesRbac(spec) ? undefined : password);
}

/** CreateReplicationGroup itself; AlreadyExists from another replica with the same inputs is success. */
export async function createGroup(
  ctx: ResourceContext,
  spec: DriverInputs,
  authToken: string | undefined,
): Promise<void> {
  const network = await ctx.network.resolve(ctx.clients, spec);
  const parameterGroup = needsParameterGroup(spec) ? await ensureParameterGroup(ctx, spec) : undefined;
  const cluster = spec.mode === "cluster";
  try {
    const output = await ctx.client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: ctx.names.cache,
        ReplicationGroupDescription: cacheDescription(
          spec,
          authToken === undefined ? undefined : { newest: spec.auth_generation },
        ),
        Engine: spec.engine,
        ...(spec.engine_version ? { EngineVersion: spec.engine_version } : {}),
        CacheNodeType: spec.node_type,
        ClusterMode: cluster ? "enabled" : "disabled",
        ...(cluster ? { NumNodeGroups: spec.shards } : {}),
        ReplicasPerNodeGroup: spec.replicas,
        AutomaticFailoverEnabled: cluster || spec.replicas > 0,
        MultiAZEnabled: spec.replicas > 0,
        ...(parameterGroup ? { CacheParameterGroupName: parameterGroup } : {}),
        CacheSubnetGroupName: network.subnetGroup,
        ...(network.securityGroupIds ? { SecurityGroupIds: network.securityGroupIds } : {}),
        ...(spec.networking?.port ? { Port: spec.networking.port } : {}),
        TransitEncryptionEnabled: true,
        AtRestEncryptionEnabled: spec.at_rest_encryption,
        ...(authToken ? { AuthToken: authToken } : { UserGroupIds: [ctx.names.userGroup] }),
        Tags: resourceTags(ctx.id, spec),
      }),
    );
    if (output.ReplicationGroup?.ARN) ctx.specs.remember(output.ReplicationGroup.ARN, spec);
  } catch (error) {
    if (!isAlreadyExists(error))
      awsFault(error, "elasticache:CreateReplicationGroup", ctx.names.cache, authToken ? [authToken] : []);
    await adoptExisting(ctx, spec);
  }
}

/** Another replica (or an earlier attempt) created the group: fine when it is ours with these inputs. */
async function adoptExisting(ctx: ResourceContext, spec: DriverInputs): Promise<void> {
  const group = await describeGroup(ctx);
  const description = parseCacheDescription(group?.Description);
  if (!group || !description) throw notOurs(ctx.names.cache);
  if (description.configHash !== configHash(spec)) {
    throw new ProvisionerError(
      "conflict",
      `replication group ${ctx.names.cache} is being created with other inputs (config ${description.configHash}) by another request`,
      { fix: "wait for that creation to end, then PUT the inputs you want as an update" },
    );
  }
}

/**
 * Applies an update to an available replication group: tags first (they record the inputs), then one
 * ModifyReplicationGroup with every change it can take at once. Replica counts follow on the next
 * look; an AUTH token rotation takes two calls (see the README's "Rotation").
 */
export async function updateNodeBased(
  ctx: ResourceContext,
  request: ResourceRequest,
  previous: DriverInputs,
): Promise<void> {
  const { spec } = request;
  const group = await describeGroup(ctx);
  if (!group?.ARN)
    throw new ProvisionerError("unavailable", `replication group ${ctx.names.cache} is not there to update`, {
      retryAfterSeconds: 15,
    });
  const description = parseCacheDescription(group.Description);
  if (!description) throw notOurs(ctx.names.cache);
  await syncTags(ctx.client, group.ARN, ctx.id, spec, previous);

  const input: ModifyReplicationGroupCommandInput = {
    ReplicationGroupId: ctx.names.cache,
    ApplyImmediately: true,
  };
  if (spec.node_type !== group.CacheNodeType) input.CacheNodeType = spec.node_type;
  if (spec.engine_version !== previous.engine_version && spec.engine_version !== undefined) {
    if (
      needsParameterGroup(spec) &&
      parameterGroupFamily(spec.engine, spec.engine_version) !==
        parameterGroupFamily(previous.engine, previous.engine_version)
    ) {
      throw new ProvisionerError(
        "unsupported",
        "an engine upgrade to another major version keeps its eviction policy only through a parameter group of the new version, which the driver does not swap in place",
        {
          field: "driver.values.engine_version",
          fix: 'set maxmemory_policy to "volatile-lru" first, upgrade, then set it again; or replace the resource',
        },
      );
    }
    input.EngineVersion = spec.engine_version;
  }
  if (spec.maxmemory_policy !== previous.maxmemory_policy || spec.mode !== previous.mode) {
    if (needsParameterGroup(previous)) await setEvictionPolicy(ctx, spec);
    else input.CacheParameterGroupName = await ensureParameterGroup(ctx, spec);
  }
  let auth = description.auth ?? { newest: previous.auth_generation };
  if (spec.auth_generation !== previous.auth_generation) {
    if (usesRbac(spec)) {
      const passwords = [request.previousPassword, request.password].filter(
        (p): p is string => p !== undefined,
      );
      await setPasswords(ctx.client, ctx.names.user, passwords);
    } else if (auth.previous !== undefined) {
      // Two tokens are valid since the last rotation: keep only the current one; the new one is added
      // by the next update, which the lifecycle makes as soon as this one is done (see nodeBasedState).
      input.AuthToken = request.previousPassword ?? "";
      input.AuthTokenUpdateStrategy = "SET";
      auth = { newest: auth.newest };
    } else {
      input.AuthToken = request.password;
      input.AuthTokenUpdateStrategy = "ROTATE";
      auth = { previous: auth.newest, newest: spec.auth_generation };
    }
  }
  input.ReplicationGroupDescription = cacheDescription(spec, usesRbac(spec) ? undefined : auth);
  await awsCall(
    "elasticache:ModifyReplicationGroup",
    ctx.names.cache,
    () => ctx.client.send(new ModifyReplicationGroupCommand(input)),
    [request.password, request.previousPassword ?? ""],
  );
  ctx.specs.remember(group.ARN, spec);
}

/**
 * Starts deleting an available or failed replication group (with a final snapshot when asked). A
 * group still being created or changed is left alone: the lifecycle asks again on the next DELETE.
 */
export async function deleteNodeBased(ctx: ResourceContext, group: ReplicationGroup): Promise<void> {
  const status = (group.Status ?? "").toLowerCase();
  if (status !== "available" && status !== "create-failed") return;
  const description = parseCacheDescription(group.Description);
  if (!description) throw notOurs(ctx.names.cache);
  const spec = await ctx.specs.specOf(ctx.client, group.ARN ?? "", description, status);
  if (usesRbac(spec)) await markDeleting(ctx, group.ARN ?? "");
  const snapshot = spec.deletion_policy === "snapshot" && status === "available";
  await awsCall("elasticache:DeleteReplicationGroup", ctx.names.cache, () =>
    ctx.client.send(
      new DeleteReplicationGroupCommand({
        ReplicationGroupId: ctx.names.cache,
        ...(snapshot ? { FinalSnapshotIdentifier: finalSnapshotName(ctx.names.cache, ctx.now()) } : {}),
      }),
    ),
  );
}
