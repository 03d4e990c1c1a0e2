export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so equal values compare equal as strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

/** Dotted paths where two JSON values differ (at most `limit`), naming fields without showing values. */
export function differingPaths(a: unknown, b: unknown, limit = 10, prefix = ""): string[] {
  if (canonicalJson(a) === canonicalJson(b)) return [];
  if (!isPlainObject(a) || !isPlainObject(b)) return [prefix || "(root)"];
  const paths: string[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (paths.length >= limit) break;
    paths.push(...differingPaths(a[key], b[key], limit - paths.length, prefix ? `${prefix}.${key}` : key));
  }
  return paths;
}

/** Every string leaf of a JSON value with its dotted path. */
export function stringLeaves(value: unknown, prefix = ""): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path: prefix, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, `${prefix}[${index}]`));
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    stringLeaves(item, prefix ? `${prefix}.${key}` : key),
  );
}
