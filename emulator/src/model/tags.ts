import { fault, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";

// A type, not an interface, so it fits XmlObject's index signature.
export type Tag = {
  Key: string;
  Value: string;
};

/** ElastiCache's limit of tags on one resource. */
export const MAX_TAGS = 50;

/** Reads and checks `Tags.Tag.N.Key/Value`; an empty list when none are given. */
export function readTags(params: QueryParams, name = "Tags"): Tag[] {
  const tags = (params.structList(name, "Tag") ?? []).map((tag, index) => {
    const key = tag.string("Key");
    const value = tag.string("Value") ?? "";
    const label = `${name}.Tag.${index + 1}`;
    if (key === undefined || key.length === 0 || key.length > 128) {
      throw invalidValue(`${label}.Key: a tag key must contain from 1 to 128 characters.`);
    }
    if (key.toLowerCase().startsWith("aws:")) {
      throw invalidValue(`${label}.Key: tag keys may not begin with "aws:", which is reserved for AWS.`);
    }
    if (value.length > 256) throw invalidValue(`${label}.Value: a tag value must not exceed 256 characters.`);
    return { Key: key, Value: value };
  });
  if (tags.length > MAX_TAGS) {
    throw fault(
      "TagQuotaPerResourceExceeded",
      `A resource can have at most ${MAX_TAGS} tags; ${tags.length} were given.`,
    );
  }
  return tags;
}

/** Tags by resource ARN, in the order they were first set. */
export class TagStore {
  readonly #byArn = new Map<string, Map<string, string>>();

  list(arn: string): Tag[] {
    return [...(this.#byArn.get(arn) ?? new Map<string, string>())].map(([Key, Value]) => ({ Key, Value }));
  }

  /** Adds or overwrites; the resource may hold at most {@link MAX_TAGS} afterwards. */
  add(arn: string, tags: readonly Tag[]): void {
    const current = new Map(this.#byArn.get(arn));
    for (const { Key, Value } of tags) current.set(Key, Value);
    if (current.size > MAX_TAGS) {
      throw fault(
        "TagQuotaPerResourceExceeded",
        `The resource would have ${current.size} tags; at most ${MAX_TAGS} are allowed.`,
      );
    }
    this.#byArn.set(arn, current);
  }

  /** Removes keys; a key the resource does not have is AWS's TagNotFound fault. */
  remove(arn: string, keys: readonly string[]): void {
    const current = this.#byArn.get(arn) ?? new Map<string, string>();
    const missing = keys.find((key) => !current.has(key));
    if (missing !== undefined)
      throw fault("TagNotFound", `The tag ${missing} was not found on the resource ${arn}.`);
    for (const key of keys) current.delete(key);
  }

  forget(arn: string): void {
    this.#byArn.delete(arn);
  }
}
