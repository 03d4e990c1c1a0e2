import {
  AddTagsToResourceCommand,
  ModifyUserGroupCommand,
  type Tag,
  type User,
} from "@aws-sdk/client-elasticache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import type { ResourceRequest, ResourceState } from "../provisioner.js";
import { isProvisionerError, ProvisionerError } from "../provisioner-errors.js";
import { prefixAccess } from "./access-string.js";
import { faultName } from "./aws-faults.js";
import { awsCall, awsFault } from "./aws-call.js";
import { deleteQuietly, describeUser, describeUserGroup, ensureUser, setPasswords } from "./rbac.js";
import type { ResourceContext } from "./resource-context.js";
import { resourceTags, TAG_PREFIX } from "./spec-codec.js";
import { syncTags } from "./tagging.js";

const cacheOf = (spec: DriverInputs) => spec.shared_cache ?? "";

/** Marks a user whose group has applied its joining (see sharedState). */
export const JOINED_TAG = `${TAG_PREFIX}joined`;

async function markJoined(ctx: ResourceContext, arn: string): Promise<void> {
  await awsCall("elasticache:AddTagsToResource", arn, () =>
    ctx.client.send(
      new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: JOINED_TAG, Value: "true" }] }),
    ),
  );
}

/** Statuses of a shared cache in which its members' connections work. */
const SERVING = new Set(["available", "modifying"]);

/**
 * Adds the resource's user to the shared cache's user group. A busy group is retried on a later look;
 * a refusal because the user is a member already (another replica's join finished meanwhile) is done.
 */
async function join(ctx: ResourceContext, userGroupId: string): Promise<void> {
  try {
    await ctx.client.send(
      new ModifyUserGroupCommand({ UserGroupId: userGroupId, UserIdsToAdd: [ctx.names.user] }),
    );
  } catch (error) {
    if (/Invalid(User|UserGroup)StateFault/.test(faultName(error))) return;
    if (faultName(error) === "InvalidParameterValueException") {
      const group = await describeUserGroup(ctx.client, userGroupId);
      if (group?.UserIds?.includes(ctx.names.user)) return;
    }
    awsFault(error, "elasticache:ModifyUserGroup", userGroupId);
  }
}

/**
 * The state of a `shared` deployment from its user: creating until the user is active and in the
 * shared cache's user group and that group is active again; then the shared cache's endpoint, with
 * the key prefix the user is confined to. Joining the group happens on a look once the user is
 * active (AWS refuses users still being created, and one group takes one change at a time).
 */
export async function sharedState(
  ctx: ResourceContext,
  user: User,
  spec: DriverInputs,
  tags: readonly Tag[],
): Promise<ResourceState> {
  const joined = tags.some((tag) => tag.Key === JOINED_TAG);
  const status = (user.Status ?? "").toLowerCase();
  if (status === "deleting") return { status: "deleting", spec, since: ctx.now() };
  let cache;
  try {
    cache = await ctx.sharedCaches.find(ctx.client, cacheOf(spec));
  } catch (error) {
    if (isProvisionerError(error, "invalid-input")) return { status: "failed", spec, reason: error.message };
    throw error;
  }
  const group = await describeUserGroup(ctx.client, cache.userGroupId);
  const member = group?.UserIds?.includes(ctx.names.user) ?? false;
  const joining = group?.PendingChanges?.UserIdsToAdd?.includes(ctx.names.user) ?? false;
  const busy = (phase: "creating" | "updating") => ({ status: phase, spec, since: ctx.now() }) as const;
  const groupActive = group?.Status?.toLowerCase() === "active";
  if (!member) {
    if (!joining && status === "active" && groupActive) await join(ctx, cache.userGroupId);
    return busy("creating");
  }
  // A group lists a new member before it has applied it (it is still `modifying`): the user has
  // joined once the group is active with it. That is marked on the user, after the fact, because
  // from then on the group's `modifying` is another tenant's change, which leaves this one usable.
  if (!joined) {
    if (!groupActive) return busy("creating");
    await markJoined(ctx, user.ARN ?? "");
  }
  if (status !== "active" || !SERVING.has(cache.status)) return busy("updating");
  return {
    status: "available",
    spec,
    endpoint: {
      host: cache.host,
      port: cache.port,
      tls: true,
      username: ctx.names.user,
      values: { key_prefix: ctx.names.keyPrefix },
    },
  };
}

/**
 * Checks the shared cache (it exists, has a user group, the group is open to the driver), then creates
 * the user and adds it to the group; the next look adds it when the group was busy.
 */
export async function createShared(ctx: ResourceContext, request: ResourceRequest): Promise<void> {
  const cache = await ctx.sharedCaches.find(ctx.client, cacheOf(request.spec));
  await ensureUser(
    ctx.client,
    {
      id: ctx.names.user,
      userName: ctx.names.user,
      accessString: prefixAccess(ctx.names.keyPrefix),
      holdsPassword: true,
    },
    request.password,
    resourceTags(ctx.id, request.spec),
  );
  await join(ctx, cache.userGroupId);
}

export async function updateShared(
  ctx: ResourceContext,
  request: ResourceRequest,
  previous: DriverInputs,
): Promise<void> {
  const user = await describeUser(ctx.client, ctx.names.user);
  if (!user?.ARN)
    throw new ProvisionerError("unavailable", `user ${ctx.names.user} is not there to update`, {
      retryAfterSeconds: 15,
    });
  // The passwords first: the tags record the generation the user has, so they follow only once
  // ModifyUser succeeded (a throttled ModifyUser leaves the tags, and so the answer, as they were).
  if (request.spec.auth_generation !== previous.auth_generation) {
    const passwords = [request.previousPassword, request.password].filter(
      (p): p is string => p !== undefined,
    );
    await setPasswords(ctx.client, ctx.names.user, passwords);
  }
  await syncTags(ctx.client, user.ARN, ctx.id, request.spec, previous);
}

/** Removes the user (AWS takes it out of the user group); the shared cache stays. */
export async function deleteShared(ctx: ResourceContext): Promise<void> {
  await deleteQuietly(ctx.client, "user", ctx.names.user);
}
