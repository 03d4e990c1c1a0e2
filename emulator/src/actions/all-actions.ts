import type { ActionTable } from "./action.js";
import { cacheClusterActions } from "./cache-clusters.js";
import { engineCatalogActions } from "./engine-catalog.js";
import { eventAndSnapshotActions } from "./events-and-snapshots.js";
import { parameterGroupActions } from "./parameter-groups.js";
import { replicationGroupActions } from "./replication-groups.js";
import { serverlessCacheActions } from "./serverless-caches.js";
import { serverlessSnapshotActions } from "./serverless-snapshots.js";
import { subnetGroupActions } from "./subnet-groups.js";
import { tagActions } from "./tags.js";
import { userGroupActions } from "./user-groups.js";
import { userActions } from "./users.js";

/** Every ElastiCache action this endpoint answers; any other is AWS's InvalidAction. */
export const ALL_ACTIONS: ActionTable = {
  ...replicationGroupActions,
  ...cacheClusterActions,
  ...engineCatalogActions,
  ...serverlessCacheActions,
  ...serverlessSnapshotActions,
  ...userActions,
  ...userGroupActions,
  ...subnetGroupActions,
  ...parameterGroupActions,
  ...tagActions,
  ...eventAndSnapshotActions,
};
