import { isPlainObject } from "./json.js";

export const MANIFEST_LOCATIONS = ["container", "volume", "namespace", "cluster"] as const;

/** OutputData must echo the GUResID from the path. */
export function idEchoProblems(body: Record<string, unknown>, id: string): string[] {
  return body.id === id
    ? []
    : [`"id" is ${JSON.stringify(body.id) ?? "missing"}, expected the GUResID ${id}`];
}

export function typeEchoProblems(body: Record<string, unknown>, type: string, optional = false): string[] {
  if (optional && body.type === undefined) return [];
  return body.type === type
    ? []
    : [`"type" is ${JSON.stringify(body.type) ?? "missing"}, expected ${JSON.stringify(type)}`];
}

/** `resource.values` and `resource.secrets` are both objects. */
export function valuesSecretsProblems(
  body: Record<string, unknown>,
  at = "resource",
  { absentAllowed = false } = {},
): string[] {
  const holder = body[at];
  if (!isPlainObject(holder)) return [`"${at}" must be an object with "values" and "secrets"`];
  const problems: string[] = [];
  for (const member of ["values", "secrets"] as const) {
    if (absentAllowed && holder[member] === undefined) continue;
    if (!isPlainObject(holder[member]))
      problems.push(`"${at}.${member}" must be an object${absentAllowed ? " when present" : ""}`);
  }
  return problems;
}

export function manifestsProblems(body: Record<string, unknown>): string[] {
  const manifests = body.manifests;
  if (manifests === undefined) return [];
  if (!Array.isArray(manifests))
    return [`"manifests" is ${JSON.stringify(manifests)}; when present it must be an array`];
  return manifests.flatMap((item: unknown, index) => {
    if (!isPlainObject(item)) return [`"manifests[${index}]" must be an object`];
    const problems: string[] = [];
    if (!(MANIFEST_LOCATIONS as readonly unknown[]).includes(item.location)) {
      problems.push(`"manifests[${index}].location" must be one of ${MANIFEST_LOCATIONS.join("|")}`);
    }
    if (!isPlainObject(item.data) && !isPlainObject(item.manifest)) {
      problems.push(`"manifests[${index}]" needs a "data" (or "manifest") object`);
    }
    return problems;
  });
}

/** `port`, when present, is an integer TCP port. */
export function portProblems(values: Record<string, unknown>): string[] {
  const port = values.port;
  if (port === undefined) return [];
  return Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535
    ? []
    : [`"port" is ${JSON.stringify(port)} (${typeof port}), expected an integer from 1 to 65535`];
}

/** The outputs Humanitec's resource packs read from a redis resource. */
export function redisOutputProblems(
  values: Record<string, unknown>,
  secrets: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  if (typeof values.host !== "string" || values.host === "")
    problems.push(`values.host must be a non-empty string`);
  if (values.port === undefined) problems.push(`values.port is missing`);
  if (typeof secrets.password !== "string") problems.push(`secrets.password must be a string`);
  if (secrets.username !== undefined && typeof secrets.username !== "string") {
    problems.push(`secrets.username, when present, must be a string`);
  }
  return problems;
}
