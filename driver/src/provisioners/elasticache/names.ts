import { backendId, ELASTICACHE_ID_RULES } from "../backend-id.js";

/**
 * Every AWS name of one resource, derived from its GUResID alone (see backend-id.ts), so any replica
 * and any restart finds the same objects. Replication groups and serverless caches live in separate
 * namespaces and share the cache id; users, user groups, parameter groups and snapshots get their
 * own purpose so no two names of one resource collide.
 */
export interface ResourceNames {
  /** Replication group id (node-based) or serverless cache name. */
  cache: string;
  /**
   * The RBAC user that holds the resource's password: named `username` (or `default`) beside its own
   * user group, and named like its id in a `shared` deployment, so the users of one cache never collide.
   */
  user: string;
  /** The user named `default` every user group needs; switched off when `username` names another. */
  defaultUser: string;
  userGroup: string;
  parameterGroup: string;
  /** Keys (and pub/sub channels) a `shared` deployment may use start with this. */
  keyPrefix: string;
}

export function resourceNames(guresid: string): ResourceNames {
  const id = (purpose: string) => backendId(guresid, ELASTICACHE_ID_RULES, purpose);
  // Short enough to put in front of every key: "hk-" and 16 base32 characters, no GUResID head.
  const prefix = backendId(guresid, { prefix: "hk", maxLength: 20, hashLength: 16 }, "key-prefix");
  return {
    cache: id(""),
    user: id("user"),
    defaultUser: id("default-user"),
    userGroup: id("user-group"),
    parameterGroup: id("parameter-group"),
    keyPrefix: `${prefix}:`,
  };
}

/**
 * The name of the final snapshot of a deleted cache: the cache id and the UTC minute, so a resource
 * created again under the same GUResID and deleted again keeps both snapshots.
 */
export function finalSnapshotName(cache: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, "");
  return `${cache}-final-${stamp}`;
}
