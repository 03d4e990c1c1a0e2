import { invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";

export function inRange(parameter: string, value: number, min: number, max: number): number {
  if (value < min || value > max) {
    throw invalidValue(`${parameter}: ${value} is out of range; it must be between ${min} and ${max}.`);
  }
  return value;
}

export function checkNodeType(value: string): string {
  if (!/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(value)) {
    throw invalidValue(`CacheNodeType: "${value}" is not a valid node type (for example cache.t4g.micro).`);
  }
  return value;
}

/** `SecurityGroupIds.SecurityGroupId.N`: VPC security group ids (`sg-…`). */
export function securityGroupIds(params: QueryParams): string[] {
  const ids = params.list("SecurityGroupIds", "SecurityGroupId") ?? [];
  const bad = ids.find((id) => !/^sg-[0-9a-z]+$/.test(id));
  if (bad !== undefined) throw invalidValue(`SecurityGroupIds: "${bad}" is not a security group id (sg-…).`);
  return ids;
}
