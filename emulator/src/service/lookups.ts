import { fault, invalidCombination } from "../protocol/aws-fault.js";
import type { Engine } from "../model/identifiers.js";
import type {
  ParameterGroup,
  ReplicationGroup,
  ServerlessCache,
  SubnetGroup,
  User,
  UserGroup,
} from "../model/resources.js";
import type { EmulatorState } from "./emulator-state.js";

// Ids are stored lowercase and looked up without regard to case, as ElastiCache does.

export function replicationGroup(state: EmulatorState, id: string): ReplicationGroup {
  const found = state.replicationGroups.get(id.toLowerCase());
  if (!found) throw fault("ReplicationGroupNotFoundFault", `Replication group ${id} not found.`);
  return found;
}

export function serverlessCache(state: EmulatorState, name: string): ServerlessCache {
  const found = state.serverlessCaches.get(name.toLowerCase());
  if (!found) throw fault("ServerlessCacheNotFoundFault", `Serverless cache ${name} not found.`);
  return found;
}

export function user(state: EmulatorState, id: string): User {
  const found = state.users.get(id.toLowerCase());
  if (!found) throw fault("UserNotFound", `User ${id} not found.`);
  return found;
}

export function userGroup(state: EmulatorState, id: string): UserGroup {
  const found = state.userGroups.get(id.toLowerCase());
  if (!found) throw fault("UserGroupNotFound", `User group ${id} not found.`);
  return found;
}

export function subnetGroup(state: EmulatorState, name: string): SubnetGroup {
  const found = state.subnetGroups.get(name.toLowerCase());
  if (!found) throw fault("CacheSubnetGroupNotFoundFault", `Cache subnet group ${name} does not exist.`);
  return found;
}

export function parameterGroup(state: EmulatorState, name: string): ParameterGroup {
  const found = state.parameterGroups.get(name.toLowerCase());
  if (!found) throw fault("CacheParameterGroupNotFound", `Cache parameter group ${name} not found.`);
  return found;
}

/**
 * User groups a cache of `engine` may be given: existing, active, of a compatible engine (a
 * Redis OSS cache takes only `redis` groups), at most one, and only with in-transit encryption.
 */
export function attachableUserGroups(
  state: EmulatorState,
  parameter: string,
  ids: readonly string[],
  engine: Engine,
  transitEncryption: boolean,
): string[] {
  if (ids.length === 0) return [];
  if (ids.length > 1)
    throw invalidCombination(`${parameter}: only one user group can be associated with a cache.`);
  if (!transitEncryption) {
    throw invalidCombination(`${parameter}: user groups (RBAC) require TransitEncryptionEnabled=true.`);
  }
  return ids.map((id) => {
    const group = userGroup(state, id);
    if (group.status !== "active") {
      throw fault("InvalidUserGroupState", `User group ${group.id} is ${group.status}; it must be active.`);
    }
    if (engine === "redis" && group.engine !== "redis") {
      throw invalidCombination(
        `${parameter}: user group ${group.id} has engine ${group.engine}; Redis OSS caches can only use user groups with engine redis.`,
      );
    }
    return group.id;
  });
}
