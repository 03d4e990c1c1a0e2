import {
  AddTagsToResourceCommand,
  ListTagsForResourceCommand,
  RemoveTagsFromResourceCommand,
  type ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import { awsCall } from "./aws-call.js";
import type { ResourceContext } from "./resource-context.js";
import { DELETING_TAG, obsoleteTagKeys, readResourceTags, resourceTags } from "./spec-codec.js";
import type { SpecCache } from "./spec-cache.js";

/**
 * Brings the driver's tags of one AWS object to `spec`: removes what is gone first (so the object
 * never holds old and new tags at once, which could pass AWS's 50 tags), then writes what differs.
 * For objects whose tag writes leave them busy (replication groups), see `retagStep`.
 */
export async function syncTags(
  client: ElastiCacheClient,
  arn: string,
  guresid: string,
  spec: DriverInputs,
  previous: DriverInputs,
  specs?: SpecCache,
): Promise<void> {
  const wanted = resourceTags(guresid, spec);
  const current =
    (
      await awsCall("elasticache:ListTagsForResource", arn, () =>
        client.send(new ListTagsForResourceCommand({ ResourceName: arn })),
      )
    ).TagList ?? [];
  const have = new Map(current.map((tag) => [tag.Key, tag.Value]));
  const changed = wanted.filter((tag) => have.get(tag.Key) !== tag.Value);
  const obsolete = obsoleteTagKeys(current, wanted, Object.keys(previous.tags ?? {}));
  if (obsolete.length > 0) {
    await awsCall("elasticache:RemoveTagsFromResource", arn, () =>
      client.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: obsolete })),
    );
  }
  if (changed.length > 0) {
    await awsCall("elasticache:AddTagsToResource", arn, () =>
      client.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: changed })),
    );
  }
  specs?.remember(arn, spec);
}

/**
 * One step towards the driver's tags of a replication group for `spec`: AWS leaves a replication
 * group `modifying` after each tag write and refuses tag calls until it is available again
 * ("Cluster not in available state to perform tagging operations"), so one look makes at most one
 * write. Obsolete tags go first. The user tags the object had are those its spec tags name.
 * "written" when a call was made, "in-sync" when nothing differs.
 */
export async function retagStep(
  client: ElastiCacheClient,
  arn: string,
  guresid: string,
  spec: DriverInputs,
): Promise<"written" | "in-sync"> {
  const wanted = resourceTags(guresid, spec);
  const current =
    (
      await awsCall("elasticache:ListTagsForResource", arn, () =>
        client.send(new ListTagsForResourceCommand({ ResourceName: arn })),
      )
    ).TagList ?? [];
  const earlierUserTags = Object.keys(readResourceTags(current)?.spec?.tags ?? {});
  const obsolete = obsoleteTagKeys(current, wanted, earlierUserTags);
  if (obsolete.length > 0) {
    await awsCall("elasticache:RemoveTagsFromResource", arn, () =>
      client.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: obsolete })),
    );
    return "written";
  }
  const have = new Map(current.map((tag) => [tag.Key, tag.Value]));
  const changed = wanted.filter((tag) => have.get(tag.Key) !== tag.Value);
  if (changed.length === 0) return "in-sync";
  await awsCall("elasticache:AddTagsToResource", arn, () =>
    client.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: changed })),
  );
  return "written";
}

/** The ARN of another ElastiCache object in the same account and region as `knownArn`. */
export function siblingArn(
  knownArn: string,
  type: "user" | "usergroup" | "parametergroup",
  name: string,
): string {
  const [arn, partition, service, region, account] = knownArn.split(":");
  return [arn, partition, service, region, account, type, name].join(":");
}

/**
 * Marks the resource's RBAC user as being deleted before its cache goes: once the cache is gone,
 * that mark is what tells a later look to remove the user group and users rather than finish a
 * creation (see rbac-parts.ts).
 */
export async function markDeleting(ctx: ResourceContext, cacheArn: string): Promise<void> {
  const arn = siblingArn(cacheArn, "user", ctx.names.user);
  await awsCall("elasticache:AddTagsToResource", arn, () =>
    ctx.client.send(
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
    ),
  );
}
