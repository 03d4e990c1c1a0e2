import { invalidCombination, invalidValue } from "../protocol/aws-fault.js";
import type { Engine } from "./identifiers.js";

/** Versions ElastiCache offers for node-based caches, oldest first; the last is the default. */
export const ENGINE_VERSIONS: Record<Engine, readonly string[]> = {
  redis: ["4.0.10", "5.0.6", "6.0", "6.2", "7.0", "7.1"],
  valkey: ["7.2", "8.0", "8.1"],
};

/** Major versions for serverless caches; the last is the default. */
const MAJOR_VERSIONS: Record<Engine, readonly string[]> = { redis: ["7"], valkey: ["7", "8"] };

export function engineVersion(engine: Engine, requested: string | undefined): string {
  const versions = ENGINE_VERSIONS[engine];
  if (requested === undefined) return versions[versions.length - 1] ?? "";
  // ElastiCache accepts a major.minor prefix, such as 6.x, 7 or 7.1.
  const wanted = requested.replace(/\.x$/, "");
  const match = [...versions]
    .reverse()
    .find((version) => version === wanted || version.startsWith(`${wanted}.`));
  if (!match) {
    throw invalidCombination(
      `Cannot find version ${requested} for ${engine}. Supported versions: ${versions.join(", ")}.`,
    );
  }
  return match;
}

export function majorEngineVersion(engine: Engine, requested: string | undefined): string {
  const versions = MAJOR_VERSIONS[engine];
  if (requested === undefined) return versions[versions.length - 1] ?? "";
  if (!versions.includes(requested)) {
    throw invalidValue(
      `MajorEngineVersion: ${requested} is not supported for serverless ${engine}. Supported: ${versions.join(", ")}.`,
    );
  }
  return requested;
}

/** The full version a serverless cache of that major version reports. */
export const fullEngineVersion = (engine: Engine, major: string): string =>
  engine === "valkey" ? (major === "7" ? "7.2" : `${major}.0`) : "7.1";

/** The parameter group family of an engine version, e.g. redis 7.1 → redis7, redis 6.2 → redis6.x. */
export function parameterGroupFamily(engine: Engine, version: string): string {
  const [major = "", minor = "0"] = version.split(".");
  if (engine === "valkey") return `valkey${major}`;
  if (Number(major) >= 7) return "redis7";
  if (major === "6") return "redis6.x";
  return `redis${major}.${minor}`;
}

export const compareVersions = (a: string, b: string): number => {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
};
