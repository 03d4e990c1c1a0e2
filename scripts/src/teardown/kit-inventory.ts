/** One AWS object the kit may remove, named the way listings show it. */
export type ResourceKind =
  "replication-group" | "serverless-cache" | "user-group" | "user" | "cache-subnet-group" | "security-group";

export const KIND_LABEL: Readonly<Record<ResourceKind, string>> = {
  "replication-group": "replication group",
  "serverless-cache": "serverless cache",
  "user-group": "user group",
  user: "user",
  "cache-subnet-group": "cache subnet group",
  "security-group": "security group",
};

export interface KitCache {
  readonly kind: "replication-group" | "serverless-cache";
  readonly id: string;
  readonly status: string;
  /** AWS's own creation time; undefined only when AWS leaves it out. */
  readonly createdAt: Date | undefined;
  readonly guresid: string | undefined;
  readonly userGroupIds: readonly string[];
  readonly subnetGroup: string | undefined;
  readonly securityGroupIds: readonly string[];
}

export interface KitUserGroup {
  readonly id: string;
  readonly status: string;
  readonly userIds: readonly string[];
}

export interface KitUser {
  readonly id: string;
  readonly status: string;
  readonly userGroupIds: readonly string[];
}

export interface KitNetworkPart {
  readonly kind: "cache-subnet-group" | "security-group";
  readonly id: string;
}

/**
 * Everything in a region that carries the kit's `managed-by` tag, with what uses what. AWS gives a
 * creation time for caches only; users, user groups, subnet groups and security groups are judged
 * by the caches that use them.
 */
export interface KitInventory {
  readonly caches: readonly KitCache[];
  readonly userGroups: readonly KitUserGroup[];
  readonly users: readonly KitUser[];
  readonly network: readonly KitNetworkPart[];
  /** Every cache in the region (the kit's or not) using a subnet group or security group, by its id. */
  readonly networkUsers: Readonly<Record<string, readonly string[]>>;
}

/** `replication group foo`. */
export const describeResource = (kind: ResourceKind, id: string): string => `${KIND_LABEL[kind]} ${id}`;
