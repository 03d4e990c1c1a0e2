import {
  AddTagsToResourceCommand,
  ListTagsForResourceCommand,
  RemoveTagsFromResourceCommand,
  type ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import { awsCall } from "./aws-call.js";
import type { ResourceContext } from "./resource-context.js";
import { DELETING_TAG, obsoleteTagKeys, resourceTags } from "./spec-codec.js";
import type { SpecCache } from "./spec-cache.js";

/** Brings the driver's tags of one AWS object to `spec`: writes what differs, removes what is gone. */
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
  if (changed.length > 0) {
    await awsCall("elasticache:AddTagsToResource", arn, () =>
      client.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: changed })),
    );
  }
  if (obsolete.length > 0) {
    await awsCall("elasticache:RemoveTagsFromResource", arn, () =>
      client.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: obsolete })),
    );
  }
  specs?.remember(arn, spec);
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
