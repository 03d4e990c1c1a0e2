import { createHash } from "node:crypto";
import type { DriverInputs } from "../inputs/driver-inputs.js";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
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
