import { formatAge } from "../cli/duration.js";
import type { KitCache, KitInventory, ResourceKind } from "./kit-inventory.js";

export interface PlannedResource {
  readonly kind: ResourceKind;
  readonly id: string;
  /** Why it goes or stays, for the listing. */
  readonly why: string;
}

export interface RemovalPlan {
  readonly remove: readonly PlannedResource[];
  readonly keep: readonly PlannedResource[];
}

/**
 * What goes with the chosen caches: user groups only they use, users only in those groups, and (for
 * the janitor) subnet and security groups no remaining cache uses. Anything a remaining cache (the
 * kit's or another's) still uses stays, and says which.
 */
function withDependents(
  inventory: KitInventory,
  chosen: readonly PlannedResource[],
  keptCaches: readonly PlannedResource[],
  scope: { readonly network: boolean; readonly orphans: boolean },
): RemovalPlan {
  const removed = new Set(chosen.map((cache) => cache.id));
  const remove: PlannedResource[] = [...chosen];
  const keep: PlannedResource[] = [...keptCaches];
  const cachesUsing = (groupId: string) =>
    inventory.caches.filter((cache) => cache.userGroupIds.includes(groupId)).map((cache) => cache.id);

  const removedGroups = new Set<string>();
  for (const group of inventory.userGroups) {
    const users = cachesUsing(group.id);
    const staying = users.find((id) => !removed.has(id));
    if (staying !== undefined) {
      keep.push({ kind: "user-group", id: group.id, why: `used by ${staying}, which stays` });
      continue;
    }
    if (users.length === 0 && !scope.orphans) {
      keep.push({ kind: "user-group", id: group.id, why: "used by no cache of this stack" });
      continue;
    }
    removedGroups.add(group.id);
    remove.push({
      kind: "user-group",
      id: group.id,
      why: users.length > 0 ? `goes with ${users.join(", ")}` : "used by no cache",
    });
  }
  for (const user of inventory.users) {
    const staying = user.userGroupIds.find((id) => !removedGroups.has(id));
    if (staying !== undefined) {
      keep.push({ kind: "user", id: user.id, why: `member of user group ${staying}, which stays` });
      continue;
    }
    if (user.userGroupIds.length === 0 && !scope.orphans) {
      keep.push({ kind: "user", id: user.id, why: "in no user group of this stack" });
      continue;
    }
    remove.push({
      kind: "user",
      id: user.id,
      why:
        user.userGroupIds.length > 0
          ? `goes with user group ${user.userGroupIds.join(", ")}`
          : "in no user group",
    });
  }
  if (scope.network) {
    for (const part of inventory.network) {
      const users = inventory.networkUsers[part.id] ?? [];
      const staying = users.find((id) => !removed.has(id));
      if (staying !== undefined) keep.push({ ...part, why: `used by cache ${staying}, which stays` });
      else
        remove.push({
          ...part,
          why: users.length > 0 ? `goes with ${users.join(", ")}` : "used by no cache",
        });
    }
  }
  return { remove, keep };
}

/**
 * The janitor's choice: kit caches created at least `olderThanMs` ago, and what goes with them.
 * Objects AWS gives no creation time for are judged by the caches that use them.
 */
export function janitorPlan(inventory: KitInventory, now: Date, olderThanMs: number): RemovalPlan {
  const chosen: PlannedResource[] = [];
  const kept: PlannedResource[] = [];
  for (const cache of inventory.caches) {
    const entry = { kind: cache.kind, id: cache.id };
    if (cache.createdAt === undefined) {
      kept.push({ ...entry, why: "AWS reports no creation time" });
      continue;
    }
    const age = now.getTime() - cache.createdAt.getTime();
    if (age >= olderThanMs) chosen.push({ ...entry, why: `created ${formatAge(age)} ago (${cache.status})` });
    else kept.push({ ...entry, why: `created ${formatAge(age)} ago, less than ${formatAge(olderThanMs)}` });
  }
  return withDependents(inventory, chosen, kept, { network: true, orphans: true });
}

/** The network a stack gives its caches. */
export interface StackCacheNetwork {
  readonly subnetGroup: string | undefined;
  readonly securityGroupId: string | undefined;
}

export function inStackNetwork(cache: KitCache, network: StackCacheNetwork): boolean {
  return (
    (network.subnetGroup !== undefined && cache.subnetGroup === network.subnetGroup) ||
    (network.securityGroupId !== undefined && cache.securityGroupIds.includes(network.securityGroupId))
  );
}

/**
 * `down`'s safety net: every kit cache in the stack's cache network, whatever its age, and what goes
 * with it. The subnet and security groups are the stack's own: its destroy removes them.
 */
export function stackPlan(inventory: KitInventory, network: StackCacheNetwork): RemovalPlan {
  const chosen: PlannedResource[] = [];
  const kept: PlannedResource[] = [];
  for (const cache of inventory.caches) {
    const entry = { kind: cache.kind, id: cache.id };
    if (inStackNetwork(cache, network))
      chosen.push({ ...entry, why: `in the stack's cache network (${cache.status})` });
    else kept.push({ ...entry, why: "outside the stack's cache network" });
  }
  return withDependents(inventory, chosen, kept, { network: false, orphans: false });
}
