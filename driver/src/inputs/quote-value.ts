/** How deep a quoted value shows nested arrays and objects before it writes `[...]` or `{...}`. */
const MAX_DEPTH = 2;
/** How many entries of one array or object a quoted value shows. */
const MAX_ENTRIES = 5;
/** Longest string shown whole; longer ones are cut before quoting. */
const MAX_STRING = 80;

function collection(
  [open, close]: readonly [string, string],
  count: number,
  depth: number,
  entry: (index: number) => string,
): string {
  if (count === 0) return `${open}${close}`;
  if (depth >= MAX_DEPTH) return `${open}...${close}`;
  const shown = Array.from({ length: Math.min(count, MAX_ENTRIES) }, (_, index) => entry(index));
  if (count > MAX_ENTRIES) shown.push("...");
  return `${open}${shown.join(",")}${close}`;
}

function render(value: unknown, depth: number): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}...` : value);
  }
  if (typeof value !== "object" || value === null) return String(value);
  if (Array.isArray(value)) {
    return collection(["[", "]"], value.length, depth, (index) => render(value[index], depth + 1));
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  return collection(["{", "}"], keys.length, depth, (index) => {
    const key = keys[index] ?? "";
    return `${render(key, depth + 1)}:${render(record[key], depth + 1)}`;
  });
}

/**
 * A value as an error message may quote it: JSON-like, at most `maxChars` characters, nested
 * arrays and objects shown two levels deep. The walk stops there, so a body nested thousands of
 * levels deep costs no more to describe than a flat one (JSON.stringify would overflow the stack).
 */
export function quoteValue(value: unknown, maxChars = 60): string {
  const text = render(value, 0);
  return text.length > maxChars ? `${text.slice(0, maxChars - 3)}...` : text;
}
