import type { Tag, User } from "@aws-sdk/client-elasticache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import type { ResourceRequest, ResourceState } from "../provisioner.js";
import { isProvisionerError, ProvisionerError } from "../provisioner-errors.js";
import { prefixAccess } from "./access-string.js";
import { deleteQuietly, describeUser, describeUserGroup, ensureUser, setPasswords } from "./rbac.js";
import type { ResourceContext } from "./resource-context.js";
import { join, JOINED_TAG, leave, markJoined, membership } from "./shared-membership.js";
import { DELETING_TAG, resourceTags } from "./spec-codec.js";
import { markDeleting, syncTags } from "./tagging.js";

const cacheOf = (spec: DriverInputs) => spec.shared_cache ?? "";

/** Statuses of a shared cache in which its members' connections work. */
const SERVING = new Set(["available", "modifying"]);

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
  const deleting = tags.some((tag) => tag.Key === DELETING_TAG);
  const status = (user.Status ?? "").toLowerCase();
  if (status === "deleting") return { status: "deleting", spec, since: ctx.now() };
  if (deleting) {
    await leaveThenDelete(ctx, spec);
    return { status: "deleting", spec, since: ctx.now() };
  }
  let cache;
  try {
    cache = await ctx.sharedCaches.find(ctx.client, cacheOf(spec));
  } catch (error) {
    if (isProvisionerError(error, "invalid-input")) return { status: "failed", spec, reason: error.message };
    throw error;
  }
  const group = await describeUserGroup(ctx.client, cache.userGroupId);
  const { member, joining, active: groupActive } = membership(group, ctx.names.user);
  const busy = (phase: "creating" | "updating") => ({ status: phase, spec, since: ctx.now() }) as const;
  if (!member) {
    if (!joining && status === "active" && groupActive) {
      try {
        await join(ctx, cache.userGroupId);
      } catch (error) {
        // A refused join fails the resource rather than every look: a DELETE must still work.
        if (isProvisionerError(error) && error.kind !== "unavailable") {
          return { status: "failed", spec, reason: error.message };
        }
        throw error;
      }
    }
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

/**
 * Starts removing the resource's user; the shared cache stays. The user is marked, leaves the group,
 * and is deleted once the group has applied that (see leaveThenDelete).
 */
export async function deleteShared(
  ctx: ResourceContext,
  user: User,
  tagged: { spec: DriverInputs; deleting: boolean },
): Promise<void> {
  if (!tagged.deleting) await markDeleting(ctx, user.ARN ?? "");
  await leaveThenDelete(ctx, tagged.spec);
}

/**
 * One step of a deletion: out of the group first, then (once the group has applied it) the user.
 * Deleting a user that is still a member would leave the group's change to ElastiCache while other
 * tenants join and leave the same group; leaving first keeps one change at a time.
 */
async function leaveThenDelete(ctx: ResourceContext, spec: DriverInputs): Promise<void> {
  const cache = await ctx.sharedCaches.find(ctx.client, cacheOf(spec)).catch((error: unknown) => {
    if (isProvisionerError(error, "invalid-input")) return undefined;
    throw error;
  });
  const group = cache && (await describeUserGroup(ctx.client, cache.userGroupId));
  const { member, joining, leaving, active } = membership(group, ctx.names.user);
  if (cache && (member || joining)) {
    if (member && !leaving && active) await leave(ctx, cache.userGroupId);
    return;
  }
  await deleteQuietly(ctx.client, "user", ctx.names.user);
}
