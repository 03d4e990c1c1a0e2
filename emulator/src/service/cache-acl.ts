import { FULL_ACCESS, type AclUser } from "../engine/acl-user.js";
import type { Cache } from "../model/resources.js";
import type { EmulatorState } from "./emulator-state.js";

export const userGroupsOf = (cache: Cache): string[] =>
  cache.kind === "replication-group" ? cache.userGroupIds : cache.userGroupId ? [cache.userGroupId] : [];

/**
 * The ACL users a cache's engine must have, as ElastiCache sets them up: the users of its user
 * group (with `default` off unless the group has a user named default), else the `default` user
 * with the AUTH tokens, or open when there are none.
 */
export function aclUsersFor(state: EmulatorState, cache: Cache): AclUser[] {
  const groupId = userGroupsOf(cache)[0];
  const group = groupId === undefined ? undefined : state.userGroups.get(groupId);
  if (group) {
    return group.userIds.flatMap((userId) => {
      const user = state.users.get(userId);
      return user
        ? [
            {
              name: user.userName,
              noPassword: user.authentication === "no-password",
              passwordSha256s: user.passwordSha256s,
              rules: user.accessString,
            },
          ]
        : [];
    });
  }
  if (cache.kind === "serverless-cache" || cache.auth.sha256s.length === 0) {
    return [{ name: "default", noPassword: true, passwordSha256s: [], rules: FULL_ACCESS }];
  }
  return [
    { name: "default", noPassword: cache.auth.open, passwordSha256s: cache.auth.sha256s, rules: FULL_ACCESS },
  ];
}

/**
 * Applies a cache's ACL users to its engine, when it has one. The users are read from the state
 * when each node's write runs, not now: of two overlapping syncs, the one that lands last carries
 * the newest users, whichever was asked for first.
 */
export async function syncAcl(state: EmulatorState, cache: Cache): Promise<void> {
  if (cache.backend) await cache.backend.applyAcl(() => aclUsersFor(state, cache));
}

export function allCaches(state: EmulatorState): Cache[] {
  return [...state.replicationGroups.values(), ...state.serverlessCaches.values()];
}

/** Caches whose user group is `groupId`. */
export const cachesUsingGroup = (state: EmulatorState, groupId: string): Cache[] =>
  allCaches(state).filter((cache) => userGroupsOf(cache).includes(groupId));

/** Applies the ACLs of every cache that uses one of `groupIds`. */
export async function syncGroups(state: EmulatorState, groupIds: Iterable<string>): Promise<void> {
  const ids = new Set(groupIds);
  for (const cache of allCaches(state)) {
    if (userGroupsOf(cache).some((id) => ids.has(id))) await syncAcl(state, cache);
  }
}

/** Ids of the groups `userId` belongs to. */
export const groupsOfUser = (state: EmulatorState, userId: string): string[] =>
  [...state.userGroups.values()].filter((group) => group.userIds.includes(userId)).map((group) => group.id);
