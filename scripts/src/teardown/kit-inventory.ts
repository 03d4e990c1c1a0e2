/** One AWS object the kit may remove, named the way listings show it. */
export type ResourceKind =
  | "replication-group"
  | "serverless-cache"
  | "user-group"
  | "user"
  | "parameter-group"
  | "snapshot"
  | "serverless-snapshot"
  | "cache-subnet-group"
  | "security-group";

export const KIND_LABEL: Readonly<Record<ResourceKind, string>> = {
  "replication-group": "replication group",
  "serverless-cache": "serverless cache",
  "user-group": "user group",
  user: "user",
  "parameter-group": "parameter group",
  snapshot: "final snapshot",
  "serverless-snapshot": "final serverless snapshot",
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
  /** Its tags (empty when they could not be read). */
  readonly tags?: Readonly<Record<string, string>>;
  /** Its parameter group, when AWS names one. */
  readonly parameterGroup?: string | undefined;
  /**
   * Set when its tags could not be read (AWS refuses tag reads on a cache that is being created,
   * changed, snapshotted or deleted): it is the kit's by its name or description alone.
   */
  readonly tagsUnreadable?: string | undefined;
}

export interface KitUserGroup {
  readonly id: string;
  readonly status: string;
  readonly userIds: readonly string[];
  /** The resource it belongs to (the driver's GUResID tag). */
  readonly guresid?: string | undefined;
  /** When the driver began deleting its resource (the deleting tag), if it did. */
  readonly deletingSince?: Date | undefined;
}

export interface KitUser {
  readonly id: string;
  readonly status: string;
  readonly userGroupIds: readonly string[];
  readonly guresid?: string | undefined;
  readonly deletingSince?: Date | undefined;
}

export interface KitParameterGroup {
  readonly id: string;
  readonly guresid: string | undefined;
  readonly deletingSince?: Date | undefined;
}

/** A final snapshot the driver took when it deleted a cache (`<cache>-final-<UTC minute>`). */
export interface KitSnapshot {
  readonly kind: "snapshot" | "serverless-snapshot";
  readonly id: string;
  /** The cache it was taken from. */
  readonly cache: string;
  readonly status: string;
}

/** An object of the kit's name whose tags could not be read, after retries. */
export interface UnreadableItem {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly reason: string;
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
  readonly parameterGroups: readonly KitParameterGroup[];
  readonly finalSnapshots: readonly KitSnapshot[];
  readonly network: readonly KitNetworkPart[];
  /** Every cache (the kit's or not) using a parameter group, by the group's name. */
  readonly parameterGroupUsers: Readonly<Record<string, readonly string[]>>;
  /** What could not be judged (tags unreadable); never deleted, always listed. */
  readonly unreadable: readonly UnreadableItem[];
  /** Every cache in the region (the kit's or not) using a subnet group or security group, by its id. */
  readonly networkUsers: Readonly<Record<string, readonly string[]>>;
}

/** `replication group foo`. */
export const describeResource = (kind: ResourceKind, id: string): string => `${KIND_LABEL[kind]} ${id}`;
