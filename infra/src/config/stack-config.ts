import { closest } from "fastest-levenshtein";
import { z } from "zod";
import { CidrPlanError, planSubnets } from "../cidr-plan.js";
import { boolean, list, matching, wholeNumber } from "./config-fields.js";

const CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
const DNS_LABEL = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const IMAGE_REFERENCE =
  /^[a-z0-9][a-z0-9.:_/-]*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
const PRINTABLE = /^[\x21-\x7e]+$/;

/**
 * Every key of the stack configuration (`pulumi config set <key> <value>`), with its rule, default
 * and an example the error messages suggest. `aws:region` belongs to the AWS provider.
 */
const FIELDS = {
  region: {
    schema: matching(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region"),
    example: "aws:region us-east-1",
  },
  availabilityZoneCount: {
    schema: wholeNumber(2, 3).default(2),
    example: "availabilityZoneCount 3",
  },
  availabilityZones: {
    schema: list(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, "each entry must be an availability zone name").optional(),
    example: "availabilityZones us-east-1a,us-east-1b",
  },
  vpcCidr: {
    schema: matching(CIDR, "must be an IPv4 CIDR block").default("10.0.0.0/16"),
    example: "vpcCidr 10.0.0.0/16",
  },
  natGateways: {
    schema: z
      .enum(["single", "one-per-az"], {
        error: (issue) => `must be "single" (dev) or "one-per-az" (prod); got ${JSON.stringify(issue.input)}`,
      })
      .default("single"),
    example: "natGateways one-per-az",
  },
  kubernetesVersion: {
    schema: matching(/^1\.\d{2}$/, "must be an EKS Kubernetes version such as 1.33").optional(),
    example: "kubernetesVersion 1.33",
  },
  clusterApiAllowedCidrs: {
    schema: list(CIDR, "each entry must be an IPv4 CIDR block").default(["0.0.0.0/0"]),
    example: "clusterApiAllowedCidrs 203.0.113.0/24",
  },
  nodeInstanceType: {
    schema: matching(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as t3.small").default(
      "t3.small",
    ),
    example: "nodeInstanceType t3.medium",
  },
  nodeCount: { schema: wholeNumber(1, 20).default(2), example: "nodeCount 2" },
  nodeMaxCount: { schema: wholeNumber(1, 20).optional(), example: "nodeMaxCount 3" },
  nodeDiskSizeGib: { schema: wholeNumber(20, 200).default(20), example: "nodeDiskSizeGib 20" },
  cachePorts: {
    schema: list(/^\d{1,5}$/, "each entry must be a TCP port")
      .transform((ports) => ports.map(Number))
      .pipe(
        z.array(
          z
            .number()
            .min(1024, "ports must be from 1024 to 65535")
            .max(65535, "ports must be from 1024 to 65535"),
        ),
      )
      .default([6379, 6380]),
    example: "cachePorts 6379,6380",
  },
  namespace: {
    schema: matching(
      DNS_LABEL,
      "must be a Kubernetes namespace name (lowercase letters, digits, hyphens)",
    ).default("elasticache-driver"),
    example: "namespace elasticache-driver",
  },
  driverReplicas: { schema: wholeNumber(1, 10).default(2), example: "driverReplicas 2" },
  imageTag: {
    schema: matching(IMAGE_TAG, "must be an image tag (letters, digits, '.', '_', '-')").optional(),
    example: "imageTag 0.1.0",
  },
  driverImage: {
    schema: matching(IMAGE_REFERENCE, "must be an image reference such as registry/driver:tag").optional(),
    example: "driverImage ghcr.io/acme/driver:0.1.0",
  },
  sampleAppImage: {
    schema: matching(
      IMAGE_REFERENCE,
      "must be an image reference such as registry/sample-app:tag",
    ).optional(),
    example: "sampleAppImage ghcr.io/acme/sample-app:0.1.0",
  },
  certificateArn: {
    schema: matching(
      /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/,
      "must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)",
    ).optional(),
    example: "certificateArn arn:aws:acm:us-east-1:123456789012:certificate/<id>",
  },
  driverHostname: {
    schema: matching(HOST_NAME, "must be a DNS name such as driver.example.com").optional(),
    example: "driverHostname driver.example.com",
  },
  driverSecretKey: {
    schema: matching(/^[\x21-\x7e]{32,}$/, "must be at least 32 printable characters without spaces", {
      secret: true,
    }).optional(),
    example: "--secret driverSecretKey $(openssl rand -hex 32)",
  },
  driverAuthToken: {
    schema: matching(/^[\x21-\x7e]{16,}$/, "must be at least 16 printable characters without spaces", {
      secret: true,
    }).optional(),
    example: "--secret driverAuthToken $(openssl rand -hex 24)",
  },
  driverAuthPathSecret: {
    schema: matching(/^[A-Za-z0-9_-]{24,}$/, "must be at least 24 letters, digits, '-' or '_'", {
      secret: true,
    }).optional(),
    example: "--secret driverAuthPathSecret $(openssl rand -hex 24)",
  },
  driverSourceRanges: {
    schema: list(
      /^(humanitec|\d{1,3}(\.\d{1,3}){3}\/\d{1,2})$/,
      'each entry must be an IPv4 CIDR block or "humanitec" (Humanitec\'s published source addresses)',
    ).default(["humanitec"]),
    example: "driverSourceRanges humanitec,203.0.113.0/24",
  },
  adminRoleArns: {
    schema: list(
      /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
      "each entry must be an IAM role ARN",
    ).default([]),
    example: "adminRoleArns arn:aws:iam::123456789012:role/ci-deploy",
  },
  assumableRoleArns: {
    schema: list(
      /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
      "each entry must be an IAM role ARN",
    ).default([]),
    example: "assumableRoleArns arn:aws:iam::123456789012:role/humanitec-caches",
  },
  sampleAppRedisHost: {
    schema: matching(HOST_NAME, "must be the cache's host name (the driver's `host` output)").optional(),
    example: "sampleAppRedisHost master.hk-xyz.abc123.use1.cache.amazonaws.com",
  },
  sampleAppRedisPort: { schema: wholeNumber(1, 65535).default(6379), example: "sampleAppRedisPort 6379" },
  sampleAppRedisUsername: {
    schema: matching(/^[\x21-\x7e]{1,120}$/, "must be an ACL user name").optional(),
    example: "sampleAppRedisUsername app",
  },
  sampleAppRedisPassword: {
    schema: matching(PRINTABLE, "must be printable characters without spaces", { secret: true }).optional(),
    example: "--secret sampleAppRedisPassword <the driver's password output>",
  },
  sampleAppRedisTls: { schema: boolean().default(true), example: "sampleAppRedisTls true" },
  forceDeleteRepositories: { schema: boolean().default(false), example: "forceDeleteRepositories true" },
} as const;

export type StackConfigKey = keyof typeof FIELDS;
export const STACK_CONFIG_KEYS = Object.keys(FIELDS) as StackConfigKey[];
/** Keys whose values are secrets: never quoted, and set with `pulumi config set --secret`. */
export const SECRET_KEYS: readonly StackConfigKey[] = [
  "driverSecretKey",
  "driverAuthToken",
  "driverAuthPathSecret",
  "sampleAppRedisPassword",
];

const Schema = z.object(
  Object.fromEntries(Object.entries(FIELDS).map(([key, field]) => [key, field.schema])) as {
    [K in StackConfigKey]: (typeof FIELDS)[K]["schema"];
  },
);
type Parsed = z.output<typeof Schema>;

/** Where the sample app finds its cache: a cache the driver created (its outputs). */
export interface SampleAppCache {
  readonly host: string;
  readonly port: number;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly tls: boolean;
}

export type StackConfig = Readonly<
  Omit<
    Parsed,
    | "nodeMaxCount"
    | "sampleAppRedisHost"
    | "sampleAppRedisPort"
    | "sampleAppRedisUsername"
    | "sampleAppRedisPassword"
    | "sampleAppRedisTls"
  > & {
    /** Most nodes the node group may scale to; default one above `nodeCount` for rolling updates. */
    nodeMaxCount: number;
    /** Set when `sampleAppRedisHost` is: only then is the sample app deployed. */
    sampleAppCache: SampleAppCache | undefined;
  }
>;

export class StackConfigError extends Error {
  override readonly name = "StackConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Invalid stack configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

/** The configuration key as `pulumi config` shows it. */
const qualified = (project: string, key: string) => (key === "region" ? "aws:region" : `${project}:${key}`);

const fix = (key: StackConfigKey) => `; set it with \`pulumi config set ${FIELDS[key].example}\``;

/**
 * Validates the stack configuration once and lists every problem at once, each naming the key,
 * what is wrong and the command that fixes it. `raw` holds this project's keys (without the
 * `<project>:` namespace) and `region` for `aws:region`; values are strings, as Pulumi stores them.
 */
export function parseStackConfig(
  project: string,
  raw: Readonly<Record<string, string | undefined>>,
): StackConfig {
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (raw[key] !== undefined && !(key in FIELDS)) {
      problems.push(
        `${qualified(project, key)}: unknown key; did you mean ${qualified(project, closest(key, STACK_CONFIG_KEYS))}?`,
      );
    }
  }
  const present = Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => key in FIELDS && value !== undefined && value.trim() !== ""),
  );
  const parsed = Schema.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]) as StackConfigKey;
      const message =
        issue.code === "invalid_type" && present[key] === undefined ? "required" : issue.message;
      problems.push(`${qualified(project, key)}: ${message}${fix(key)}`);
    }
    throw new StackConfigError(problems);
  }
  const c = parsed.data;
  const nodeMaxCount = c.nodeMaxCount ?? c.nodeCount + 1;
  if (nodeMaxCount < c.nodeCount) {
    problems.push(
      `${qualified(project, "nodeMaxCount")}: ${nodeMaxCount} is below nodeCount (${c.nodeCount}); raise it or lower nodeCount`,
    );
  }
  const zones = c.availabilityZones;
  const zoneCount = zones?.length ?? c.availabilityZoneCount;
  if (zones && (zones.length < 2 || zones.length > 3)) {
    problems.push(`${qualified(project, "availabilityZones")}: lists ${zones.length} zones; list 2 or 3`);
  } else if (zones && raw.availabilityZoneCount !== undefined && zones.length !== c.availabilityZoneCount) {
    problems.push(
      `${qualified(project, "availabilityZones")}: lists ${zones.length} zones but availabilityZoneCount is ${c.availabilityZoneCount}; remove availabilityZoneCount`,
    );
  } else if (zones && !zones.every((zone) => zone.startsWith(c.region))) {
    problems.push(`${qualified(project, "availabilityZones")}: every zone must be in aws:region ${c.region}`);
  } else {
    try {
      planSubnets(c.vpcCidr, zoneCount);
    } catch (error) {
      if (!(error instanceof CidrPlanError)) throw error;
      problems.push(`${qualified(project, "vpcCidr")}: ${error.message}${fix("vpcCidr")}`);
    }
  }
  if (c.certificateArn && !c.driverHostname) {
    problems.push(
      `${qualified(project, "driverHostname")}: required with certificateArn: the DNS name the certificate covers, which you point at the driverLoadBalancer output${fix("driverHostname")}`,
    );
  }
  if (c.driverHostname && !c.certificateArn) {
    problems.push(
      `${qualified(project, "certificateArn")}: required with driverHostname: the driver is exposed only over HTTPS${fix("certificateArn")}`,
    );
  }
  if (c.certificateArn && !c.certificateArn.includes(`:acm:${c.region}:`)) {
    problems.push(
      `${qualified(project, "certificateArn")}: the certificate must be in aws:region ${c.region}, where the load balancer is`,
    );
  }
  const sampleAppKeys = ["sampleAppRedisUsername", "sampleAppRedisPassword"] as const;
  for (const key of sampleAppKeys) {
    if (c[key] !== undefined && !c.sampleAppRedisHost) {
      problems.push(
        `${qualified(project, key)}: set only with sampleAppRedisHost${fix("sampleAppRedisHost")}`,
      );
    }
  }
  if (problems.length > 0) throw new StackConfigError(problems);

  const {
    sampleAppRedisHost,
    sampleAppRedisPort,
    sampleAppRedisUsername,
    sampleAppRedisPassword,
    sampleAppRedisTls,
    ...rest
  } = c;
  return Object.freeze({
    ...rest,
    availabilityZoneCount: zoneCount,
    nodeMaxCount,
    sampleAppCache: sampleAppRedisHost
      ? Object.freeze({
          host: sampleAppRedisHost,
          port: sampleAppRedisPort,
          username: sampleAppRedisUsername,
          password: sampleAppRedisPassword,
          tls: sampleAppRedisTls,
        })
      : undefined,
  });
}
