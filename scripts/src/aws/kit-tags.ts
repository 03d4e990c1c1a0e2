import { MANAGED_BY_TAG } from "@elasticache-driver-kit/driver";

export { MANAGED_BY_TAG };

/** The tag holding the GUResID of the resource an AWS object belongs to (written by the driver). */
export const GURESID_TAG_KEY = "elasticache-driver-kit:guresid";

/** Set on a resource's parts once the driver has started to delete it: the ISO time it began. */
export const DELETING_TAG_KEY = "elasticache-driver-kit:deleting";

export interface TagLike {
  readonly Key?: string | undefined;
  readonly Value?: string | undefined;
}

export function isKitTagged(tags: readonly TagLike[] | undefined): boolean {
  return (tags ?? []).some((tag) => tag.Key === MANAGED_BY_TAG.key && tag.Value === MANAGED_BY_TAG.value);
}

export function tagValue(tags: readonly TagLike[] | undefined, key: string): string | undefined {
  return (tags ?? []).find((tag) => tag.Key === key)?.Value;
}
