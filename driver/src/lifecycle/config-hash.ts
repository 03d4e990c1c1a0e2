import { createHash } from "node:crypto";
import type { DriverInputs } from "../inputs/driver-inputs.js";

/** The same value with every object's keys in one order (UTF-16 code units, `sort`'s default). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  // Keys whose value is undefined need no filtering: JSON.stringify leaves them out.
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, canonical(record[key])]),
  );
}

/** Specs are never changed once parsed, so a spec object's hash is computed once (polls repeat it). */
const hashes = new WeakMap<DriverInputs, string>();

/** A short stable fingerprint of normalised inputs: equal inputs (in any key order) hash equally. */
export function configHash(spec: DriverInputs): string {
  let hash = hashes.get(spec);
  if (hash === undefined) {
    hash = createHash("sha256")
      .update(JSON.stringify(canonical(spec)))
      .digest("hex")
      .slice(0, 16);
    hashes.set(spec, hash);
  }
  return hash;
}

/** Top-level input fields whose values differ between two specs. */
export function changedFields(previous: DriverInputs, next: DriverInputs): (keyof DriverInputs)[] {
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)] as (keyof DriverInputs)[]);
  return [...keys]
    .filter((key) => JSON.stringify(canonical(previous[key])) !== JSON.stringify(canonical(next[key])))
    .sort();
}
