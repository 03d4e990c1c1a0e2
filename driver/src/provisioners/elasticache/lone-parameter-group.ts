import type { CacheParameterGroup } from "@aws-sdk/client-elasticache";
import { defaultDriverInputs } from "../../inputs/driver-inputs.js";
import type { ResourceState } from "../provisioner.js";
import { CREATION_WINDOW_MS, deleteParameterGroup, parameterGroupCreatedAt } from "./parameter-group.js";
import type { ResourceContext } from "./resource-context.js";

/**
 * The state of a resource of which only its parameter group exists. Young and not marked by a
 * deletion, it is a creation in progress: `creating`, never touched by a look. Either a replica made
 * it a moment ago and is about to create the replication group that uses it, or that replica died
 * (or was throttled past its retries) in between: nothing tells the two apart, so the state names
 * the step left (`nextStep`) and the next PUT of the same inputs takes it on any replica (the
 * creation is re-entrant: the group is taken as is, its parameters set again, and
 * ReplicationGroupAlreadyExists from the other replica is success). Older than a creation can take,
 * or marked by deleteNodeBased, it is a leftover: deleted, and reported `deleting` until AWS lets it
 * go (AWS refuses while the deleted group's clusters still reference it).
 */
export async function loneParameterGroupState(
  ctx: ResourceContext,
  group: CacheParameterGroup,
): Promise<ResourceState> {
  const tagged = group.ARN ? await ctx.specs.tagsOf(ctx.client, group.ARN) : undefined;
  const createdAt = parameterGroupCreatedAt(group);
  const young = createdAt !== undefined && ctx.now().getTime() - createdAt.getTime() < CREATION_WINDOW_MS;
  if (young && !tagged?.deleting) {
    return tagged?.spec
      ? { status: "creating", spec: tagged.spec, since: createdAt, nextStep: "replication-group" }
      : { status: "absent" };
  }
  if (await deleteParameterGroup(ctx)) return { status: "absent" };
  // Inputs serve only the deleting answer here; a group made before tags were read has none.
  return { status: "deleting", spec: tagged?.spec ?? defaultDriverInputs(), since: ctx.now() };
}
