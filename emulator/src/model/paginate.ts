import { invalidValue } from "../protocol/aws-fault.js";

export interface Page<T> {
  items: T[];
  /** The marker of the next page, when there is one. */
  marker: string | undefined;
}

/**
 * One page of `items` after `marker`. Markers are opaque offsets; `maxRecords` follows
 * ElastiCache's rule for Describe calls (default 100, between `min` and 100).
 */
export function paginate<T>(
  items: readonly T[],
  maxRecords: number | undefined,
  marker: string | undefined,
  { parameter = "MaxRecords", min = 20 }: { parameter?: string; min?: number } = {},
): Page<T> {
  const size = maxRecords ?? 100;
  if (size < min || size > 100) {
    throw invalidValue(`${parameter}: ${size} is out of range; it must be between ${min} and 100.`);
  }
  let start = 0;
  if (marker !== undefined && marker !== "") {
    const decoded = /^o(\d+)$/.exec(Buffer.from(marker, "base64url").toString("utf8"));
    if (!decoded)
      throw invalidValue(`The marker "${marker}" is not valid; pass a marker from a previous answer.`);
    start = Number(decoded[1]);
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    marker: end < items.length ? Buffer.from(`o${end}`).toString("base64url") : undefined,
  };
}
