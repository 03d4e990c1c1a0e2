import type { User } from "@aws-sdk/client-elasticache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import type { ResourceState } from "../provisioner.js";
import { isProvisionerError, ProvisionerError } from "../provisioner-errors.js";
import { createGroup } from "./node-based.js";
import { deleteParameterGroup, needsParameterGroup } from "./parameter-group.js";
import {
  deleteQuietly,
  describeUser,
  describeUserGroup,
  ensureUser,
  ensureUserGroup,
  usersFor,
} from "./rbac.js";
import type { ResourceContext } from "./resource-context.js";
import { createServerlessCache } from "./serverless.js";
import { resourceTags } from "./spec-codec.js";
import { sharedState } from "./shared.js";

/**
 * The state of a resource whose cache does not exist but whose RBAC user does: a `shared`
 * deployment, a creation waiting for its user group to become active, or a deletion whose cache is
 * gone. Each look takes the next step: ElastiCache accepts a cache only on an active user group and
 * deletes a user group only once no cache uses it, and the driver keeps no state or worker that could
 * take those steps later. The user's tags say which it is: its spec, and the mark `delete()` set.
 */
export async function stateFromUser(ctx: ResourceContext, user: User): Promise<ResourceState | undefined> {
  const tagged = await ctx.specs.tagsOf(ctx.client, user.ARN ?? "");
  if (!tagged) return undefined;
  const spec = tagged.spec;
  if (!spec) {
    throw new ProvisionerError("failed", `the inputs recorded on user ${ctx.names.user} cannot be read`, {
      fix: "delete the resource and create it again",
    });
  }
  if (spec.deployment === "shared") return sharedState(ctx, user, spec, tagged.tags);
  if (tagged.deleting || user.Status?.toLowerCase() === "deleting") {
    await removeParts(ctx, spec);
    return { status: "deleting", spec, since: ctx.now() };
  }
  try {
    await nextCreationStep(ctx, spec);
  } catch (error) {
    // A step AWS refuses fails the resource rather than every look: a DELETE must still work.
    if (isProvisionerError(error) && error.kind !== "unavailable" && error.kind !== "conflict") {
      return { status: "failed", spec, reason: error.message };
    }
    throw error;
  }
  return { status: "creating", spec, since: ctx.now() };
}

/** Creates what the resource's cache still needs: the stand-in user and the user group, then the cache. */
async function nextCreationStep(ctx: ResourceContext, spec: DriverInputs): Promise<void> {
  const group = await describeUserGroup(ctx.client, ctx.names.userGroup);
  if (!group) {
    const users = usersFor(ctx.names, spec);
    const tags = resourceTags(ctx.id, spec);
    // A creation may have ended after its own user (a crash, or a throttle past the SDK's retries):
    // the stand-in `default` user needs no password of the resource, so any look can create it.
    for (const standIn of users.filter((u) => !u.holdsPassword)) {
      if (!(await describeUser(ctx.client, standIn.id))) await ensureUser(ctx.client, standIn, "", tags);
    }
    await ensureUserGroup(
      ctx.client,
      ctx.names.userGroup,
      users.map((u) => u.id),
      tags,
    );
  } else if (group.Status?.toLowerCase() === "active") {
    if (spec.deployment === "serverless") await createServerlessCache(ctx, spec);
    else await createGroup(ctx, spec, undefined);
  }
}

/** Removes what a deleted cache leaves: its user group first, then (once it is gone) users and parameters. */
export async function removeParts(ctx: ResourceContext, spec: DriverInputs): Promise<void> {
  const group = await describeUserGroup(ctx.client, ctx.names.userGroup);
  if (group) {
    if (group.Status?.toLowerCase() !== "deleting") {
      await deleteQuietly(ctx.client, "user-group", ctx.names.userGroup);
    }
    return;
  }
  // The resource's own user last: it carries the mark that brings the next look here.
  for (const user of usersFor(ctx.names, spec).reverse()) await deleteQuietly(ctx.client, "user", user.id);
  if (needsParameterGroup(spec)) await deleteParameterGroup(ctx);
}
