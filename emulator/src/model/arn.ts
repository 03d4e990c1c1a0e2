import { fault } from "../protocol/aws-fault.js";

/** The resource types whose ARNs this endpoint hands out, by the name ElastiCache uses in ARNs. */
export type ResourceType =
  | "cluster"
  | "replicationgroup"
  | "serverlesscache"
  | "user"
  | "usergroup"
  | "subnetgroup"
  | "parametergroup"
  | "snapshot"
  | "serverlesscachesnapshot";

export interface ResourceName {
  type: ResourceType;
  id: string;
}

const TYPES: readonly ResourceType[] = [
  "cluster",
  "replicationgroup",
  "serverlesscache",
  "user",
  "usergroup",
  "subnetgroup",
  "parametergroup",
  "snapshot",
  "serverlesscachesnapshot",
];

/** Where this endpoint's resources live: one region of one account. */
export interface Partition {
  region: string;
  account: string;
}

export const arnOf = ({ region, account }: Partition, type: ResourceType, id: string): string =>
  `arn:aws:elasticache:${region}:${account}:${type}:${id}`;

/** Reads an ElastiCache ARN of this region and account; anything else is AWS's InvalidARN fault. */
export function parseArn({ region, account }: Partition, arn: string): ResourceName {
  const parts = arn.split(":");
  const [prefix, partition, service, arnRegion, arnAccount, type, ...rest] = parts;
  const id = rest.join(":");
  if (
    prefix !== "arn" ||
    partition !== "aws" ||
    service !== "elasticache" ||
    !TYPES.includes(type as ResourceType) ||
    id === ""
  ) {
    throw fault("InvalidARN", `The ARN ${arn} is not a valid ElastiCache resource ARN.`);
  }
  if (arnRegion !== region || arnAccount !== account) {
    throw fault(
      "InvalidARN",
      `The ARN ${arn} names region ${arnRegion} and account ${arnAccount}; this endpoint serves region ${region} of account ${account}.`,
    );
  }
  return { type: type as ResourceType, id };
}
