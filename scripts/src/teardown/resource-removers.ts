import { DeleteSecurityGroupCommand, type EC2Client } from "@aws-sdk/client-ec2";
import {
  CacheParameterGroupNotFoundFault,
  CacheSubnetGroupInUse,
  CacheSubnetGroupNotFoundFault,
  DeleteCacheParameterGroupCommand,
  DeleteCacheSubnetGroupCommand,
  DeleteReplicationGroupCommand,
  DeleteServerlessCacheCommand,
  DeleteServerlessCacheSnapshotCommand,
  DeleteSnapshotCommand,
  DeleteUserCommand,
  DeleteUserGroupCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  InvalidCacheParameterGroupStateFault,
  InvalidReplicationGroupStateFault,
  InvalidServerlessCacheSnapshotStateFault,
  InvalidServerlessCacheStateFault,
  InvalidSnapshotStateFault,
  InvalidUserGroupStateFault,
  InvalidUserStateFault,
  ReplicationGroupNotFoundFault,
  ServerlessCacheNotFoundFault,
  ServerlessCacheSnapshotNotFoundFault,
  SnapshotNotFoundFault,
  UserGroupNotFoundFault,
  UserNotFoundFault,
  type ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import type { ResourceKind } from "./kit-inventory.js";

/** The object cannot be deleted in its present state; trying again later may work. */
export class NotYet extends Error {}

/** Deleting it failed for a reason waiting does not fix; `message` says what to do. */
export class CannotRemove extends Error {}

/** How one kind of object is deleted and watched until it is gone. */
export interface Remover {
  /** Starts the deletion: "gone" when it was already gone; throws `NotYet` or `CannotRemove`. */
  start(id: string): Promise<"started" | "gone">;
  /** Its status while it still exists; undefined once it is gone. */
  look(id: string): Promise<string | undefined>;
}

type Fault = abstract new (...args: never[]) => Error;

async function started(
  send: () => Promise<unknown>,
  notFound: Fault,
  busy?: Fault,
): Promise<"started" | "gone"> {
  try {
    await send();
    return "started";
  } catch (error) {
    if (error instanceof notFound) return "gone";
    if (busy && error instanceof busy) throw new NotYet(error.message, { cause: error });
    throw error;
  }
}

async function looked(send: () => Promise<string | undefined>, notFound: Fault): Promise<string | undefined> {
  try {
    return (await send()) ?? "unknown";
  } catch (error) {
    if (error instanceof notFound) return undefined;
    throw error;
  }
}

export interface RemoverOptions {
  /**
   * The final snapshot a cache's deletion takes, by cache id; undefined: none. ElastiCache takes it
   * before it deletes the cache (DeleteReplicationGroup FinalSnapshotIdentifier,
   * DeleteServerlessCache FinalSnapshotName).
   */
  readonly finalSnapshot?: (cacheId: string) => string | undefined;
}

/** `<cache>-final-<UTC minute>`: the driver's own naming of final snapshots (names.ts). */
export const finalSnapshotName = (cacheId: string, now: Date): string =>
  `${cacheId}-final-${now.toISOString().slice(0, 16).replace(/[-:T]/g, "")}`;

export function resourceRemovers(
  elasticache: ElastiCacheClient,
  ec2: EC2Client,
  options: RemoverOptions = {},
): Readonly<Record<ResourceKind, Remover>> {
  const snapshotOf = (id: string) => options.finalSnapshot?.(id);
  return {
    "replication-group": {
      start: (id) =>
        started(
          () => {
            const snapshot = snapshotOf(id);
            return elasticache.send(
              new DeleteReplicationGroupCommand({
                ReplicationGroupId: id,
                RetainPrimaryCluster: false,
                ...(snapshot ? { FinalSnapshotIdentifier: snapshot } : {}),
              }),
            );
          },
          ReplicationGroupNotFoundFault,
          InvalidReplicationGroupStateFault,
        ),
      look: (id) =>
        looked(
          async () =>
            (await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id })))
              .ReplicationGroups?.[0]?.Status,
          ReplicationGroupNotFoundFault,
        ),
    },
    "serverless-cache": {
      start: (id) =>
        started(
          () => {
            const snapshot = snapshotOf(id);
            return elasticache.send(
              new DeleteServerlessCacheCommand({
                ServerlessCacheName: id,
                ...(snapshot ? { FinalSnapshotName: snapshot } : {}),
              }),
            );
          },
          ServerlessCacheNotFoundFault,
          InvalidServerlessCacheStateFault,
        ),
      look: (id) =>
        looked(
          async () =>
            (await elasticache.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: id })))
              .ServerlessCaches?.[0]?.Status,
          ServerlessCacheNotFoundFault,
        ),
    },
    "user-group": {
      start: (id) =>
        started(
          () => elasticache.send(new DeleteUserGroupCommand({ UserGroupId: id })),
          UserGroupNotFoundFault,
          InvalidUserGroupStateFault,
        ),
      look: (id) =>
        looked(
          async () =>
            (await elasticache.send(new DescribeUserGroupsCommand({ UserGroupId: id }))).UserGroups?.[0]
              ?.Status,
          UserGroupNotFoundFault,
        ),
    },
    user: {
      start: (id) =>
        started(
          () => elasticache.send(new DeleteUserCommand({ UserId: id })),
          UserNotFoundFault,
          InvalidUserStateFault,
        ),
      look: (id) =>
        looked(
          async () => (await elasticache.send(new DescribeUsersCommand({ UserId: id }))).Users?.[0]?.Status,
          UserNotFoundFault,
        ),
    },
    "parameter-group": {
      start: (id) =>
        started(
          () => elasticache.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: id })),
          CacheParameterGroupNotFoundFault,
          InvalidCacheParameterGroupStateFault,
        ),
      look: () => Promise.resolve(undefined),
    },
    // A final snapshot still being taken cannot be deleted yet: NotYet, looked at again.
    snapshot: {
      start: (id) =>
        started(
          () => elasticache.send(new DeleteSnapshotCommand({ SnapshotName: id })),
          SnapshotNotFoundFault,
          InvalidSnapshotStateFault,
        ),
      look: () => Promise.resolve(undefined),
    },
    "serverless-snapshot": {
      start: (id) =>
        started(
          () =>
            elasticache.send(new DeleteServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: id })),
          ServerlessCacheSnapshotNotFoundFault,
          InvalidServerlessCacheSnapshotStateFault,
        ),
      look: () => Promise.resolve(undefined),
    },
    "cache-subnet-group": {
      async start(id) {
        try {
          return await started(
            () => elasticache.send(new DeleteCacheSubnetGroupCommand({ CacheSubnetGroupName: id })),
            CacheSubnetGroupNotFoundFault,
          );
        } catch (error) {
          if (!(error instanceof CacheSubnetGroupInUse)) throw error;
          throw new CannotRemove("a cache still uses it; remove that cache first", { cause: error });
        }
      },
      look: () => Promise.resolve(undefined),
    },
    "security-group": {
      async start(id) {
        try {
          await ec2.send(new DeleteSecurityGroupCommand({ GroupId: id }));
          return "started";
        } catch (error) {
          const name = error instanceof Error ? error.name : "";
          if (name === "InvalidGroup.NotFound") return "gone";
          if (name === "DependencyViolation") {
            throw new CannotRemove(
              "network interfaces still use it (ElastiCache releases them up to an hour after a delete); run the janitor again later",
              { cause: error },
            );
          }
          throw error;
        }
      },
      look: () => Promise.resolve(undefined),
    },
  };
}
