import { isPlainObject } from "./shapes/json.js";

/**
 * The outputs Humanitec's resource-type reference defines for the types the suite knows, and which of
 * them name the backend instance (so two answers naming different instances are two resources).
 * Any other type is checked as `generic`: no required outputs, every secret output is its own.
 */
export interface ResourceTypeSpec {
  readonly type: string;
  /** Outputs the type defines as values, every one required. */
  readonly values: readonly string[];
  /** Outputs the type defines as secrets, required unless listed in `optionalSecrets`. */
  readonly secrets: readonly string[];
  readonly optionalSecrets: readonly string[];
  /** Value outputs that together name the backend instance. */
  readonly identity: readonly string[];
}

const spec = (
  type: string,
  values: string[],
  secrets: string[],
  identity: string[],
  optionalSecrets: string[] = [],
): ResourceTypeSpec => ({ type, values, secrets, optionalSecrets, identity });

export const RESOURCE_TYPES: readonly ResourceTypeSpec[] = [
  // A redis without ACLs has no user: the username output may be empty or absent.
  spec("redis", ["host", "port"], ["password", "username"], ["host", "port"], ["username"]),
  spec("postgres", ["host", "port", "name"], ["username", "password"], ["host", "port", "name"]),
  spec("mysql", ["host", "port", "name"], ["username", "password"], ["host", "port", "name"]),
  spec("s3", ["bucket", "region"], ["aws_access_key_id", "aws_secret_access_key"], ["bucket"]),
  spec("dns", ["host"], [], ["host"]),
];

/** Value outputs that usually name an instance, for types outside the catalogue. */
const GENERIC_IDENTITY = ["host", "bucket", "name", "arn", "endpoint", "url"];

export function resourceTypeSpec(type: string): ResourceTypeSpec {
  return RESOURCE_TYPES.find((known) => known.type === type) ?? spec("generic", [], [], GENERIC_IDENTITY);
}

/** Problems with outputs against the type's definition: required outputs present, secrets kept apart. */
export function typeOutputProblems(
  type: string,
  values: Record<string, unknown>,
  secrets: Record<string, unknown>,
): string[] {
  const known = resourceTypeSpec(type);
  const problems: string[] = [];
  for (const key of known.values) {
    if (values[key] === undefined || values[key] === null || values[key] === "")
      problems.push(`values.${key} is missing: the ${type} type defines it as a value output`);
  }
  for (const key of known.secrets) {
    if (known.optionalSecrets.includes(key)) continue;
    if (secrets[key] === undefined || secrets[key] === null || secrets[key] === "")
      problems.push(`secrets.${key} is missing: the ${type} type defines it as a secret output`);
  }
  for (const key of known.secrets) {
    if (key in values)
      problems.push(`values.${key} is a secret output of the ${type} type; it belongs in secrets`);
  }
  return problems;
}

/** The backend instance outputs name, e.g. `host=a.example port=6379`; undefined when none is named. */
export function identityOf(type: string, values: unknown): string | undefined {
  if (!isPlainObject(values)) return undefined;
  const parts = resourceTypeSpec(type)
    .identity.filter((key) => values[key] !== undefined && values[key] !== null && values[key] !== "")
    .map((key) => `${key}=${String(values[key] as string | number)}`);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

/** Names of the type's own secret outputs; for a type outside the catalogue, every secret it returns. */
export function ownSecretKeys(type: string, secrets: Record<string, unknown>): string[] {
  const known = resourceTypeSpec(type);
  return known.type === "generic" ? Object.keys(secrets) : [...known.secrets];
}
