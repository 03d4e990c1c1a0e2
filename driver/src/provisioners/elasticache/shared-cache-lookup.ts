import {
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ListTagsForResourceCommand,
  type ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import { LRUCache } from "lru-cache";
import { ProvisionerError } from "../provisioner-errors.js";
import { awsCall, awsLookup } from "./aws-call.js";
import { SHAREABLE_TAG } from "./iam-policy.js";
import { cacheEndpoint } from "./cache-endpoint.js";

/** What a `shared` deployment needs of the existing cache it joins. */
export interface SharedCache {
  id: string;
  kind: "replication group" | "serverless cache";
  status: string;
  userGroupId: string;
  host: string;
  port: number;
}

const FIELD = "driver.values.shared_cache";

/**
 * Looks up existing caches for `shared` deployments, and remembers each for a minute: their
 * endpoints and user groups rarely change, and every poll of every user of one cache needs them.
 */
export class SharedCacheLookup {
  readonly #known = new LRUCache<string, SharedCache>({ max: 1_000, ttl: 60_000 });

  /** The cache and its user group, checked to be open to the driver's users; a clear 400 otherwise. */
  async find(client: ElastiCacheClient, id: string): Promise<SharedCache> {
    const known = this.#known.get(id);
    if (known) return known;
    const found = await this.#describe(client, id);
    const groupArn = found.arn.replace(
      /:(replicationgroup|serverlesscache):[^:]+$/,
      `:usergroup:${found.userGroupId}`,
    );
    const tags = await awsCall("elasticache:ListTagsForResource", groupArn, () =>
      client.send(new ListTagsForResourceCommand({ ResourceName: groupArn })),
    );
    const shareable = (tags.TagList ?? []).some(
      (tag) => tag.Key === SHAREABLE_TAG.key && tag.Value === SHAREABLE_TAG.value,
    );
    if (!shareable) {
      throw new ProvisionerError(
        "invalid-input",
        `the user group ${found.userGroupId} of ${found.kind} ${id} does not carry the tag ${SHAREABLE_TAG.key}=${SHAREABLE_TAG.value}, so the driver may not add users to it`,
        {
          field: FIELD,
          fix: `tag it to open it to shared deployments: aws elasticache add-tags-to-resource --resource-name ${groupArn} --tags Key=${SHAREABLE_TAG.key},Value=${SHAREABLE_TAG.value}`,
        },
      );
    }
    const { arn: _arn, ...cache } = found;
    this.#known.set(id, cache);
    return cache;
  }

  async #describe(client: ElastiCacheClient, id: string): Promise<SharedCache & { arn: string }> {
    const group = (
      await awsLookup("elasticache:DescribeReplicationGroups", id, () =>
        client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id })),
      )
    )?.ReplicationGroups?.[0];
    const serverless = group
      ? undefined
      : (
          await awsLookup("elasticache:DescribeServerlessCaches", id, () =>
            client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: id })),
          )
        )?.ServerlessCaches?.[0];
    if (!group && !serverless) {
      throw new ProvisionerError(
        "invalid-input",
        `no replication group or serverless cache named ${id} exists in this account and region`,
        {
          field: FIELD,
          fix: "name an existing cache, or check the account (driver.secrets.account) and AWS_REGION",
        },
      );
    }
    const kind = group ? "replication group" : "serverless cache";
    const userGroupId = group ? group.UserGroupIds?.[0] : serverless?.UserGroupId;
    if (!userGroupId) {
      throw new ProvisionerError(
        "invalid-input",
        `${kind} ${id} uses no RBAC user group (AUTH token or no authentication), so it cannot take per-resource users`,
        {
          field: FIELD,
          fix: "give the cache a user group (ModifyReplicationGroup / ModifyServerlessCache with a user group), or use another cache",
        },
      );
    }
    if (group && !group.TransitEncryptionEnabled) {
      throw new ProvisionerError(
        "invalid-input",
        `replication group ${id} has no encryption in transit, so its users' passwords would cross the network in clear`,
        {
          field: FIELD,
          fix: "use a cache with TLS in transit",
        },
      );
    }
    const endpoint = group ? cacheEndpoint(group) : serverless?.Endpoint;
    return {
      id,
      kind,
      status: (group?.Status ?? serverless?.Status ?? "").toLowerCase(),
      userGroupId,
      host: endpoint?.Address ?? "",
      port: endpoint?.Port ?? 6379,
      arn: group?.ARN ?? serverless?.ARN ?? "",
    };
  }
}
