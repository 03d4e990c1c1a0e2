import {
  CreateReplicationGroupCommand,
  DecreaseReplicaCountCommand,
  DescribeCacheClustersCommand,
  DeleteReplicationGroupCommand,
  DescribeReplicationGroupsCommand,
  IncreaseReplicaCountCommand,
  ModifyReplicationGroupCommand,
  type ModifyReplicationGroupCommandInput,
  type ReplicationGroup,
} from "@aws-sdk/client-elasticache";
import { defaultDriverInputs, type DriverInputs } from "../../inputs/driver-inputs.js";
import { configHash } from "../../lifecycle/config-hash.js";
import type { ResourceRequest, ResourceState } from "../provisioner.js";
import { isProvisionerError, ProvisionerError } from "../provisioner-errors.js";
import { awsCall, awsLookup } from "./aws-call.js";
import { isAlreadyExists, toProvisionerError } from "./aws-faults.js";
import { failureEvents } from "./cache-events.js";
import { cacheEndpoint, observedReplicas } from "./cache-endpoint.js";
import { finalSnapshotName } from "./names.js";
import {
  deleteParameterGroup,
  ensureParameterGroup,
  familyOfGroup,
  isParameterGroupNotFound,
  markParameterGroupDeleting,
  needsParameterGroup,
  parameterGroupFamily,
  parameterGroupForCreate,
  setEvictionPolicy,
} from "./parameter-group.js";
import { describeUser, ensureUser, ensureUserGroup, setPasswords, usersFor } from "./rbac.js";
import type { ResourceContext } from "./resource-context.js";
import {
  cacheDescription,
  descriptionHoldsSpec,
  parseCacheDescription,
  resourceTags,
  type CacheDescription,
} from "./spec-codec.js";
import { unreadableSpec } from "./spec-cache.js";
import { markDeleting, retagStep } from "./tagging.js";

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
 * The state of a node-based resource, or undefined when its replication group does not exist. A look
 * never changes anything (DELETE uses it too): what an update could not finish in one call is
 * reported as `nextStep` of an available resource, and the next PUT of the same inputs takes it.
 */
export async function nodeBasedState(ctx: ResourceContext, group: ReplicationGroup): Promise<ResourceState> {
  const description = parseCacheDescription(group.Description);
  if (!description) throw notOurs(ctx.names.cache);
  const status = (group.Status ?? "").toLowerCase();
  if (status === "create-failed") {
    return {
      status: "failed",
      spec: await specOrUnknown(ctx, group, description, status),
      reason: await failureEvents(ctx.client, ctx.names.cache, "replication-group", group.MemberClusters),
    };
  }
  let spec: DriverInputs;
  if (status === "available") {
    const found = await ctx.specs.recordedOrTagged(ctx.client, group.ARN ?? "", description);
    if (!found) throw unreadableSpec(group.ARN ?? ctx.names.cache, status);
    if (!found.recorded) return pendingModification(ctx, group, found.spec, description);
    spec = found.spec;
  } else spec = await ctx.specs.specOf(ctx.client, group.ARN ?? "", description, status);
  const since = group.ReplicationGroupCreateTime ?? ctx.now();
  switch (status) {
    case "creating":
      return { status: "creating", spec, since };
    case "deleting":
      return { status: "deleting", spec, since: ctx.now() };
    case "available":
      // A token change AWS lists as pending (`SETTING`, `ROTATING`) is not applied yet (rule 17a).
      if (group.PendingModifiedValues?.AuthTokenStatus !== undefined)
        return { status: "updating", spec, since: ctx.now() };
      break;
    default:
      return { status: "updating", spec, since: ctx.now() };
  }
  const rotation = description.auth !== undefined && description.auth.newest !== spec.auth_generation;
  if (rotation && usesRbac(spec)) {
    // The user's ModifyUser succeeded before the description named the new generation; the user
    // refuses the new password until it is `active` again (rule 17 of docs/elasticache-rules.md).
    const user = await describeUser(ctx.client, ctx.names.user);
    if (user?.Status?.toLowerCase() !== "active") return { status: "updating", spec, since: ctx.now() };
  } else if (rotation) {
    // An AUTH token rotation the last update started: the old token still works; the next PUT adds the new one.
    const current = { ...spec, auth_generation: description.auth?.newest ?? spec.auth_generation };
    return { status: "available", spec: current, endpoint: endpointOf(group, spec) };
  }
  const step = nextStep(group, spec, description);
  return {
    status: "available",
    spec,
    endpoint: endpointOf(group, spec),
    ...(step ? { nextStep: step.kind } : {}),
  };
}

/**
 * An available group whose tags name newer inputs than its description: an update of inputs too
 * large for the description wrote them first, and its ModifyReplicationGroup is still to come. Any
 * replica takes it on the next PUT (see updateNodeBased), from the tags and what the group runs.
 * Until then the group serves with its current credentials: an AUTH token keeps the generation the
 * description names; an RBAC user had ModifyUser before the tags were written, and is usable once
 * it is `active` again (rule 17 of docs/elasticache-rules.md).
 */
async function pendingModification(
  ctx: ResourceContext,
  group: ReplicationGroup,
  spec: DriverInputs,
  description: CacheDescription,
): Promise<ResourceState> {
  if (usesRbac(spec)) {
    const user = await describeUser(ctx.client, ctx.names.user);
    if (user?.Status?.toLowerCase() !== "active") return { status: "updating", spec, since: ctx.now() };
  }
  const current = usesRbac(spec)
    ? spec
    : { ...spec, auth_generation: description.auth?.newest ?? spec.auth_generation };
  return { status: "available", spec: current, endpoint: endpointOf(group, spec), nextStep: "modify" };
}

/**
 * The inputs of a failed creation. A create-failed cache refuses tag reads, so inputs too large for
 * its description may be unknowable: then the defaults stand in, which serve only to report the
 * failure and to delete (deletion needs nothing of the inputs; see deleteNodeBased).
 */
async function specOrUnknown(
  ctx: ResourceContext,
  group: ReplicationGroup,
  description: CacheDescription,
  status: string,
): Promise<DriverInputs> {
  try {
    return await ctx.specs.specOf(ctx.client, group.ARN ?? "", description, status);
  } catch (error) {
    if (isProvisionerError(error, "unavailable")) return defaultDriverInputs();
    throw error;
  }
}

/** What an update still has to do to a group that AWS shows available, in the order AWS allows. */
type Step =
  { kind: "failover-off" } | { kind: "replicas"; count: number } | { kind: "failover-on" } | { kind: "tags" };

const isOn = (value: string | undefined) => value === "enabled" || value === "enabling";

/**
 * The next step towards `spec`, from what AWS shows. Replicas: DecreaseReplicaCount keeps one
 * replica in a cluster-mode-disabled group while Multi-AZ is on, so going to 0 turns Multi-AZ and
 * automatic failover off first; going up from 0 turns them back on after the replicas exist, as a
 * fresh create would have them. Tags follow the inputs last (see retagStep), then the description
 * drops its `retag` mark.
 */
function nextStep(
  group: ReplicationGroup,
  spec: DriverInputs,
  description: CacheDescription,
): Step | undefined {
  const cluster = spec.mode === "cluster";
  const observed = observedReplicas(group);
  if (observed !== spec.replicas) {
    if (spec.replicas === 0 && (isOn(group.MultiAZ) || (!cluster && isOn(group.AutomaticFailover)))) {
      return { kind: "failover-off" };
    }
    return { kind: "replicas", count: spec.replicas };
  }
  if (
    spec.replicas > 0 &&
    ((group.MultiAZ !== undefined && !isOn(group.MultiAZ)) ||
      (group.AutomaticFailover !== undefined && !isOn(group.AutomaticFailover)))
  ) {
    return { kind: "failover-on" };
  }
  if (description.retag) return { kind: "tags" };
  return undefined;
}

/** Takes one step (AWS then shows the group busy for a while, so the next waits for a later look). */
async function takeStep(
  ctx: ResourceContext,
  group: ReplicationGroup,
  spec: DriverInputs,
  description: CacheDescription,
  step: Step,
): Promise<void> {
  const id = ctx.names.cache;
  const modify = (input: Omit<ModifyReplicationGroupCommandInput, "ReplicationGroupId">) =>
    awsCall("elasticache:ModifyReplicationGroup", id, () =>
      ctx.client.send(
        new ModifyReplicationGroupCommand({ ReplicationGroupId: id, ApplyImmediately: true, ...input }),
      ),
    );
  switch (step.kind) {
    case "failover-off":
      // A cluster-mode group keeps automatic failover: AWS requires it there.
      await modify({
        MultiAZEnabled: false,
        ...(spec.mode === "cluster" ? {} : { AutomaticFailoverEnabled: false }),
      });
      return;
    case "failover-on":
      await modify({ AutomaticFailoverEnabled: true, MultiAZEnabled: true });
      return;
    case "replicas": {
      const input = { ReplicationGroupId: id, NewReplicaCount: step.count, ApplyImmediately: true };
      if (step.count > observedReplicas(group)) {
        await awsCall("elasticache:IncreaseReplicaCount", id, () =>
          ctx.client.send(new IncreaseReplicaCountCommand(input)),
        );
      } else {
        await awsCall("elasticache:DecreaseReplicaCount", id, () =>
          ctx.client.send(new DecreaseReplicaCountCommand(input)),
        );
      }
      return;
    }
    case "tags":
      if ((await retagStep(ctx.client, group.ARN ?? "", ctx.id, spec)) === "written") return;
      // An RBAC rotation's mark goes too: the group is available only once its user is active.
      await modify({
        ReplicationGroupDescription: cacheDescription(spec, usesRbac(spec) ? undefined : description.auth),
      });
      return;
  }
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

/**
 * CreateReplicationGroup itself; AlreadyExists from another replica with the same inputs is success.
 * A parameter group deleted under this creation (another replica took it for a leftover) is retried
 * by the next request, never a terminal failure.
 */
export async function createGroup(
  ctx: ResourceContext,
  spec: DriverInputs,
  authToken: string | undefined,
): Promise<void> {
  const network = await ctx.network.resolve(ctx.clients, spec);
  const parameterGroup = await parameterGroupForCreate(ctx, spec);
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
    if (isAlreadyExists(error)) return adoptExisting(ctx, spec);
    if (parameterGroup === ctx.names.parameterGroup && isParameterGroupNotFound(error)) {
      throw new ProvisionerError(
        "unavailable",
        `parameter group ${parameterGroup} was deleted while replication group ${ctx.names.cache} was being created; the next request creates both again`,
        { retryAfterSeconds: 5 },
      );
    }
    const failure = toProvisionerError(error, {
      action: "elasticache:CreateReplicationGroup",
      target: ctx.names.cache,
      secrets: authToken ? [authToken] : [],
    });
    if (failure.kind !== "unavailable" && parameterGroup === ctx.names.parameterGroup) {
      // AWS refused the creation: its own parameter group goes too, so the next look does not take
      // it for a creation still under way (see lone-parameter-group.ts). A throttled creation keeps
      // it: the next PUT resumes from there, and another replica may be resuming it right now.
      await deleteParameterGroup(ctx).catch(() => false);
    }
    throw failure;
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
 * Brings an available replication group towards `request.spec`, one AWS change per call. New inputs
 * go first into one ModifyReplicationGroup with every change it can take at once and the new
 * description (its config hash is what every replica reads, so polls of these inputs answer 202 at
 * once); replica counts, Multi-AZ and the tags follow on later looks (see nextStep). Inputs too
 * large for the description have only the tags to record them, so there the tags go first and the
 * ModifyReplicationGroup follows. An AUTH token rotation takes two updates (see "Rotation" in
 * docs/elasticache.md).
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
  if ((group.Status ?? "").toLowerCase() !== "available") return;

  const input: ModifyReplicationGroupCommandInput = {
    ReplicationGroupId: ctx.names.cache,
    ApplyImmediately: true,
  };
  if (spec.node_type !== group.CacheNodeType) input.CacheNodeType = spec.node_type;
  // `previous` is what the group was last modified for when the description records its hash (its
  // AUTH generation aside: a SET leaves the description on the generation before). Otherwise the
  // tags recorded these inputs first and the modification is still to come: it is computed from
  // what the group runs, so any replica, after any restart, makes it.
  const recorded = [previous, { ...previous, auth_generation: spec.auth_generation }].some(
    (inputs) => configHash(inputs) === description.configHash,
  );
  Object.assign(
    input,
    recorded ? await engineChanges(ctx, group, spec, previous) : await engineChangesFromAws(ctx, group, spec),
  );
  let auth = description.auth ?? { newest: previous.auth_generation };
  const rotating = spec.auth_generation !== previous.auth_generation;
  if (rotating) {
    if (usesRbac(spec)) {
      if (!(await rotateUser(ctx, request))) return;
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
  // With RBAC the description's `auth` marks a rotation whose user may still be applying it (see
  // nodeBasedState); it names the generation the user had before, and only the hash says what is new.
  const tokens = usesRbac(spec) ? (rotating ? { newest: previous.auth_generation } : undefined) : auth;
  const newInputs =
    description.configHash !== configHash(spec) ||
    (!usesRbac(spec) && description.auth?.newest !== tokens?.newest);
  const changes = Object.keys(input).length > 2;
  if (!newInputs && !changes) {
    // Tags that name other inputs than the description (an update whose modification AWS refused,
    // now taken back) return to these first.
    if (!recorded && (await retagStep(ctx.client, group.ARN, ctx.id, spec)) === "written") return;
    // The inputs are recorded already: what is left are the steps one call could not take.
    const step = nextStep(group, spec, description);
    if (step) await takeStep(ctx, group, spec, description, step);
    return;
  }
  if (
    !descriptionHoldsSpec(spec, tokens) &&
    (await retagStep(ctx.client, group.ARN, ctx.id, spec)) === "written"
  ) {
    // The tag write leaves the group busy; the look after it makes the ModifyReplicationGroup.
    return;
  }
  input.ReplicationGroupDescription = cacheDescription(spec, tokens, {
    retag: descriptionHoldsSpec(spec, tokens),
  });
  await awsCall(
    "elasticache:ModifyReplicationGroup",
    ctx.names.cache,
    () => ctx.client.send(new ModifyReplicationGroupCommand(input)),
    [request.password, request.previousPassword ?? ""],
  );
  ctx.specs.remember(group.ARN, spec);
}

type EngineChanges = Pick<ModifyReplicationGroupCommandInput, "EngineVersion" | "CacheParameterGroupName">;

/**
 * Engine version and eviction policy from `previous` to `spec`. An eviction-policy change on a group
 * with its own parameter group is made on that group (only `maxmemory-policy`, rule 8).
 */
async function engineChanges(
  ctx: ResourceContext,
  group: ReplicationGroup,
  spec: DriverInputs,
  previous: DriverInputs,
): Promise<EngineChanges> {
  const input: EngineChanges = {};
  if (spec.engine_version !== previous.engine_version && spec.engine_version !== undefined) {
    const from = await familyOfGroup(ctx, group, previous);
    Object.assign(input, versionChange(spec, from, needsParameterGroup(previous)));
  }
  if (spec.maxmemory_policy !== previous.maxmemory_policy) {
    if (needsParameterGroup(previous)) await setEvictionPolicy(ctx, spec);
    else
      input.CacheParameterGroupName = await ensureParameterGroup(
        ctx,
        spec,
        await familyOfGroup(ctx, group, spec),
      );
  }
  return input;
}

/**
 * The same changes from what AWS shows, when the earlier inputs are nowhere to read: the engine
 * version and parameter group a member cluster runs. A group on its own parameter group gets the
 * policy of `spec` written there (the same value again is no change); one on AWS's default gets its
 * own group when `spec` sets a policy.
 */
async function engineChangesFromAws(
  ctx: ResourceContext,
  group: ReplicationGroup,
  spec: DriverInputs,
): Promise<EngineChanges> {
  const input: EngineChanges = {};
  const member = group.MemberClusters?.[0];
  const cluster = member
    ? (
        await awsCall("elasticache:DescribeCacheClusters", member, () =>
          ctx.client.send(new DescribeCacheClustersCommand({ CacheClusterId: member })),
        )
      ).CacheClusters?.[0]
    : undefined;
  const running = cluster?.EngineVersion;
  const ownGroup = cluster?.CacheParameterGroup?.CacheParameterGroupName === ctx.names.parameterGroup;
  const wanted = spec.engine_version;
  // AWS may add a patch to the version asked for (7.1 runs as 7.1.0), never another major.
  if (wanted !== undefined && running !== wanted && !running?.startsWith(`${wanted}.`)) {
    Object.assign(input, versionChange(spec, parameterGroupFamily(spec.engine, running), ownGroup));
  }
  if (ownGroup) await setEvictionPolicy(ctx, spec);
  else if (needsParameterGroup(spec)) {
    input.CacheParameterGroupName = await ensureParameterGroup(
      ctx,
      spec,
      parameterGroupFamily(spec.engine, wanted ?? running) ?? (await familyOfGroup(ctx, group, spec)),
    );
  }
  return input;
}

/**
 * An engine upgrade from `from`: a cluster-mode group keeps cluster mode only with the new
 * version's cluster-mode group; a group's own parameter group cannot follow to another family.
 */
function versionChange(spec: DriverInputs, from: string | undefined, ownGroup: boolean): EngineChanges {
  const to = parameterGroupFamily(spec.engine, spec.engine_version);
  const input: EngineChanges = { EngineVersion: spec.engine_version };
  if (to === undefined || to === from) return input;
  if (ownGroup) {
    throw new ProvisionerError(
      "unsupported",
      "an engine upgrade to another major version keeps its eviction policy only through a parameter group of the new version, which the driver does not swap in place",
      {
        field: "driver.values.engine_version",
        fix: 'set maxmemory_policy to "volatile-lru" first, upgrade, then set it again; or replace the resource',
      },
    );
  }
  if (spec.mode === "cluster") input.CacheParameterGroupName = `default.${to}.cluster.on`;
  return input;
}

/**
 * The RBAC side of a rotation: ModifyUser with the current and the new password, before anything
 * records the new generation. A user still `modifying` (an earlier attempt whose description write
 * did not follow: a crash, a throttle) refuses changes: false, and a later look asks again; the
 * change in flight cannot be told apart from another, so it is made again once the user is active.
 */
async function rotateUser(ctx: ResourceContext, request: ResourceRequest): Promise<boolean> {
  const user = await describeUser(ctx.client, ctx.names.user);
  if (user !== undefined && user.Status?.toLowerCase() !== "active") {
    ctx.logger.debug({ guresid: ctx.id }, "RBAC user not active yet; the rotation follows");
    return false;
  }
  const passwords = [request.previousPassword, request.password].filter((p): p is string => p !== undefined);
  await setPasswords(ctx.client, ctx.names.user, passwords);
  return true;
}

/**
 * Starts deleting an available or failed replication group (with a final snapshot when asked). A
 * group still being created or changed is left alone: the lifecycle asks again on the next DELETE.
 * A failed one is deleted without its inputs (AWS shows no tags then): it uses RBAC when it names a
 * user group, and it takes no snapshot.
 */
export async function deleteNodeBased(ctx: ResourceContext, group: ReplicationGroup): Promise<void> {
  const status = (group.Status ?? "").toLowerCase();
  if (status !== "available" && status !== "create-failed") return;
  const description = parseCacheDescription(group.Description);
  if (!description) throw notOurs(ctx.names.cache);
  let snapshot = false;
  if (status === "available") {
    // The newest inputs AWS shows decide: those of a pending modification once their tags are written.
    const found = await ctx.specs.recordedOrTagged(ctx.client, group.ARN ?? "", description);
    if (!found) throw unreadableSpec(group.ARN ?? ctx.names.cache, status);
    snapshot = found.spec.deletion_policy === "snapshot";
  }
  if ((group.UserGroupIds ?? []).length > 0) await markDeleting(ctx, group.ARN ?? "");
  await markParameterGroupDeleting(ctx);
  await awsCall("elasticache:DeleteReplicationGroup", ctx.names.cache, () =>
    ctx.client.send(
      new DeleteReplicationGroupCommand({
        ReplicationGroupId: ctx.names.cache,
        ...(snapshot ? { FinalSnapshotIdentifier: finalSnapshotName(ctx.names.cache, ctx.now()) } : {}),
      }),
    ),
  );
}
