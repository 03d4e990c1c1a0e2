import {
  AddTagsToResourceCommand,
  ModifyUserGroupCommand,
  type UserGroup,
} from "@aws-sdk/client-elasticache";
import { awsCall, awsFault } from "./aws-call.js";
import { faultName } from "./aws-faults.js";
import { describeUserGroup } from "./rbac.js";
import type { ResourceContext } from "./resource-context.js";
import { TAG_PREFIX } from "./spec-codec.js";

/** Marks a user whose group has applied its joining (see sharedState). */
export const JOINED_TAG = `${TAG_PREFIX}joined`;

export async function markJoined(ctx: ResourceContext, arn: string): Promise<void> {
  await awsCall("elasticache:AddTagsToResource", arn, () =>
    ctx.client.send(
      new AddTagsToResourceCommand({ ResourceName: arn, Tags: [{ Key: JOINED_TAG, Value: "true" }] }),
    ),
  );
}

/**
 * Adds the resource's user to the shared cache's user group. A busy group is retried on a later look;
 * a refusal because the user is a member already (another replica's join finished meanwhile) is done.
 */
export async function join(ctx: ResourceContext, userGroupId: string): Promise<void> {
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

/** Takes the resource's user out of the shared group; a busy group is retried on a later look. */
export async function leave(ctx: ResourceContext, userGroupId: string): Promise<void> {
  try {
    await ctx.client.send(
      new ModifyUserGroupCommand({ UserGroupId: userGroupId, UserIdsToRemove: [ctx.names.user] }),
    );
  } catch (error) {
    if (/Invalid(User|UserGroup)StateFault/.test(faultName(error))) return;
    awsFault(error, "elasticache:ModifyUserGroup", userGroupId);
  }
}

/** Where the resource's user stands in the shared group. */
export function membership(group: UserGroup | undefined, userId: string) {
  return {
    member: group?.UserIds?.includes(userId) ?? false,
    joining: group?.PendingChanges?.UserIdsToAdd?.includes(userId) ?? false,
    leaving: group?.PendingChanges?.UserIdsToRemove?.includes(userId) ?? false,
    active: group?.Status?.toLowerCase() === "active",
  };
}
