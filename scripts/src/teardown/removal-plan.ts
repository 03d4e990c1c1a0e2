import { backendId, ELASTICACHE_ID_RULES } from "@elasticache-driver-kit/driver";
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

/** How a plan judges what no remaining cache uses (users, user groups, parameter groups). */
interface Scope {
  /** Subnet and security groups no remaining cache uses go too (never `keepNetwork`'s). */
  readonly network: boolean;
  readonly keepNetwork: ReadonlySet<string>;
  /** Why an object used by no cache goes (undefined: it stays, with `stays`'s reason). */
  readonly orphan: (item: {
    guresid?: string | undefined;
    deletingSince?: Date | undefined;
  }) => string | undefined;
  readonly stays: string;
  /** Final snapshots of these caches go, unless `keepSnapshots`. */
  readonly snapshotsOf: ReadonlySet<string>;
  readonly keepSnapshots: boolean;
}

/**
 * What goes with the chosen caches: user groups only they use, users only in those groups,
 * parameter groups only they use, their final snapshots, and (for the janitor) subnet and security
 * groups no remaining cache uses. Anything a remaining cache (the kit's or another's) still uses
 * stays, and says which; so does every object whose tags could not be read.
 */
function withDependents(
  inventory: KitInventory,
  chosen: readonly PlannedResource[],
  keptCaches: readonly PlannedResource[],
  scope: Scope,
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
    // The driver marks a resource's user, not its group, as being deleted: the group goes by its members' mark.
    const marked = inventory.users
      .flatMap((user) => (group.userIds.includes(user.id) && user.deletingSince ? [user.deletingSince] : []))
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const why =
      users.length > 0
        ? `goes with ${users.join(", ")}`
        : scope.orphan({ guresid: group.guresid, deletingSince: group.deletingSince ?? marked });
    if (why === undefined) {
      keep.push({ kind: "user-group", id: group.id, why: `used by no cache; ${scope.stays}` });
      continue;
    }
    removedGroups.add(group.id);
    remove.push({ kind: "user-group", id: group.id, why });
  }
  for (const user of inventory.users) {
    const staying = user.userGroupIds.find((id) => !removedGroups.has(id));
    if (staying !== undefined) {
      keep.push({ kind: "user", id: user.id, why: `member of user group ${staying}, which stays` });
      continue;
    }
    const why =
      user.userGroupIds.length > 0
        ? `goes with user group ${user.userGroupIds.join(", ")}`
        : scope.orphan(user);
    if (why === undefined) keep.push({ kind: "user", id: user.id, why: `in no user group; ${scope.stays}` });
    else remove.push({ kind: "user", id: user.id, why });
  }
  for (const group of inventory.parameterGroups) {
    const users = inventory.parameterGroupUsers[group.id] ?? [];
    const staying = users.find((id) => !removed.has(id));
    if (staying !== undefined) {
      keep.push({ kind: "parameter-group", id: group.id, why: `used by ${staying}, which stays` });
      continue;
    }
    const why = users.length > 0 ? `goes with ${users.join(", ")}` : scope.orphan(group);
    if (why === undefined)
      keep.push({ kind: "parameter-group", id: group.id, why: `used by no cache; ${scope.stays}` });
    else remove.push({ kind: "parameter-group", id: group.id, why });
  }
  for (const snapshot of inventory.finalSnapshots) {
    const entry = { kind: snapshot.kind, id: snapshot.id };
    if (!scope.snapshotsOf.has(snapshot.cache))
      keep.push({ ...entry, why: `of ${snapshot.cache}, not removed here` });
    else if (scope.keepSnapshots) keep.push({ ...entry, why: `of ${snapshot.cache}; --keep-snapshots` });
    else remove.push({ ...entry, why: `final snapshot of ${snapshot.cache} (${snapshot.status})` });
  }
  if (scope.network) {
    for (const part of inventory.network) {
      const users = inventory.networkUsers[part.id] ?? [];
      const staying = users.find((id) => !removed.has(id));
      if (scope.keepNetwork.has(part.id))
        keep.push({ ...part, why: "the stack's own: its destroy removes it" });
      else if (staying !== undefined) keep.push({ ...part, why: `used by cache ${staying}, which stays` });
      else
        remove.push({
          ...part,
          why: users.length > 0 ? `goes with ${users.join(", ")}` : "used by no cache",
        });
    }
  }
  for (const item of inventory.unreadable) {
    if (item.kind === "replication-group" || item.kind === "serverless-cache") continue; // judged above
    keep.push({
      kind: item.kind,
      id: item.id,
      why: `tags unreadable (${item.reason}); left alone, run again later`,
    });
  }
  return { remove, keep };
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

/** What the janitor may touch: the caches of one cache network, or those carrying an owner tag. */
export interface JanitorScope {
  readonly network?: StackCacheNetwork | undefined;
  readonly ownerTag?: { readonly key: string; readonly value: string } | undefined;
}

export const describeScope = (scope: JanitorScope): string =>
  [
    scope.network?.subnetGroup && `subnet group ${scope.network.subnetGroup}`,
    scope.network?.securityGroupId && `security group ${scope.network.securityGroupId}`,
    scope.ownerTag && `tag ${scope.ownerTag.key}=${scope.ownerTag.value}`,
  ]
    .filter(Boolean)
    .join(" or ");

function inScope(cache: KitCache, scope: JanitorScope): boolean {
  return (
    (scope.network !== undefined && inStackNetwork(cache, scope.network)) ||
    (scope.ownerTag !== undefined && cache.tags?.[scope.ownerTag.key] === scope.ownerTag.value)
  );
}

/**
 * The janitor's choice: kit caches in its scope created at least `olderThanMs` ago, and what goes
 * with them. Users, user groups and parameter groups no cache uses are made minutes before their
 * cache, so one goes only when the driver marked its resource as being deleted at least
 * `olderThanMs` ago (its deleting tag); AWS gives no creation time for them. A cache whose tags
 * cannot be read stays.
 */
export function janitorPlan(
  inventory: KitInventory,
  now: Date,
  olderThanMs: number,
  scope: JanitorScope,
): RemovalPlan {
  const chosen: PlannedResource[] = [];
  const kept: PlannedResource[] = [];
  for (const cache of inventory.caches) {
    const entry = { kind: cache.kind, id: cache.id };
    if (cache.tagsUnreadable !== undefined) {
      kept.push({ ...entry, why: `tags unreadable (${cache.tagsUnreadable}); run again later` });
      continue;
    }
    if (!inScope(cache, scope)) {
      kept.push({ ...entry, why: `outside ${describeScope(scope)}` });
      continue;
    }
    if (cache.createdAt === undefined) {
      kept.push({ ...entry, why: "AWS reports no creation time" });
      continue;
    }
    const age = now.getTime() - cache.createdAt.getTime();
    if (age >= olderThanMs) chosen.push({ ...entry, why: `created ${formatAge(age)} ago (${cache.status})` });
    else kept.push({ ...entry, why: `created ${formatAge(age)} ago, less than ${formatAge(olderThanMs)}` });
  }
  const keepNetwork = new Set(
    [scope.network?.subnetGroup, scope.network?.securityGroupId].filter(
      (id): id is string => id !== undefined,
    ),
  );
  return withDependents(inventory, chosen, kept, {
    network: true,
    keepNetwork,
    orphan: ({ deletingSince }) => {
      if (deletingSince === undefined) return undefined;
      const age = now.getTime() - deletingSince.getTime();
      return age >= olderThanMs ? `its resource was being deleted ${formatAge(age)} ago` : undefined;
    },
    stays: `no age known before its resource is deleted for ${formatAge(olderThanMs)}`,
    // The janitor keeps every final snapshot: they are what a deletion leaves on purpose.
    snapshotsOf: new Set(),
    keepSnapshots: true,
  });
}

/** The cache id the driver gives a GUResID's cache (names.ts). */
export const cacheIdOf = (guresid: string): string => backendId(guresid, ELASTICACHE_ID_RULES, "");

export interface StackPlanOptions {
  /** The GUResIDs of the stack's resources: their leftovers go even when no cache uses them. */
  readonly guresids?: readonly string[];
  readonly keepSnapshots?: boolean;
}

/**
 * `down`'s safety net: every kit cache in the stack's cache network, whatever its age (also one
 * whose tags are unreadable: its name and network make it the stack's), what goes with it, the
 * leftovers of the stack's resources and their final snapshots (unless `keepSnapshots`). The subnet
 * and security groups are the stack's own: its destroy removes them.
 */
export function stackPlan(
  inventory: KitInventory,
  network: StackCacheNetwork,
  options: StackPlanOptions = {},
): RemovalPlan {
  const chosen: PlannedResource[] = [];
  const kept: PlannedResource[] = [];
  for (const cache of inventory.caches) {
    const entry = { kind: cache.kind, id: cache.id };
    if (inStackNetwork(cache, network))
      chosen.push({ ...entry, why: `in the stack's cache network (${cache.status})` });
    else kept.push({ ...entry, why: "outside the stack's cache network" });
  }
  const guresids = new Set(options.guresids ?? []);
  return withDependents(inventory, chosen, kept, {
    network: false,
    keepNetwork: new Set(),
    orphan: ({ guresid }) =>
      guresid !== undefined && guresids.has(guresid)
        ? `left by ${guresid}, a resource of the stack`
        : undefined,
    stays: "not of this stack",
    snapshotsOf: new Set([...chosen.map((cache) => cache.id), ...[...guresids].map(cacheIdOf)]),
    keepSnapshots: options.keepSnapshots ?? false,
  });
}
