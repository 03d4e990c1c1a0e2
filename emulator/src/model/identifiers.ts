import { invalidValue } from "../protocol/aws-fault.js";

/**
 * ElastiCache's rule for replication group and serverless cache ids: 1–40 letters, digits or
 * hyphens, a letter first, no trailing hyphen, no two hyphens in a row. Stored lowercase.
 */
export function cacheId(parameter: string, value: string, noun: string): string {
  const problem =
    value.length > 40
      ? "must contain from 1 to 40 characters"
      : !/^[A-Za-z]/.test(value)
        ? "must begin with a letter"
        : !/^[A-Za-z0-9-]+$/.test(value)
          ? "must contain only ASCII letters, digits and hyphens"
          : value.endsWith("-")
            ? "cannot end with a hyphen"
            : value.includes("--")
              ? "cannot contain two consecutive hyphens"
              : undefined;
  if (problem) throw invalidValue(`${parameter}: invalid ${noun} identifier "${value}": it ${problem}.`);
  return value.toLowerCase();
}

/** User and user group ids: a letter, then letters, digits and hyphens. Stored lowercase. */
export function rbacId(parameter: string, value: string): string {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(value)) {
    throw invalidValue(
      `${parameter}: "${value}" is not valid: it must begin with a letter and contain only ASCII letters, digits and hyphens.`,
    );
  }
  return value.toLowerCase();
}

/** Subnet and parameter group names: up to 255 letters, digits or hyphens (and dots for parameter groups). */
export function groupName(parameter: string, value: string, allowDots = false): string {
  const pattern = allowDots ? /^[A-Za-z0-9.-]{1,255}$/ : /^[A-Za-z0-9-]{1,255}$/;
  if (!pattern.test(value)) {
    throw invalidValue(
      `${parameter}: "${value}" is not valid: it must contain no more than 255 ASCII letters, digits${allowDots ? ", dots" : ""} or hyphens.`,
    );
  }
  return value.toLowerCase();
}

/** Snapshot names: 1–255 characters, letters, digits and hyphens, a letter first. */
export function snapshotName(parameter: string, value: string): string {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,254}$/.test(value) || value.endsWith("-") || value.includes("--")) {
    throw invalidValue(
      `${parameter}: "${value}" is not a valid snapshot name: it must begin with a letter, contain only ASCII letters, digits and hyphens, and neither end with a hyphen nor contain two consecutive hyphens.`,
    );
  }
  return value;
}

export type Engine = "redis" | "valkey";

export function engineName(parameter: string, value: string): Engine {
  const engine = value.toLowerCase();
  if (engine !== "redis" && engine !== "valkey") {
    throw invalidValue(
      `${parameter}: "${value}" is not supported. The value must be set to valkey or redis.`,
    );
  }
  return engine;
}
