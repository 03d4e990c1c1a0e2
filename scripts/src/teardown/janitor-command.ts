import { createAwsClients } from "../aws/aws-clients.js";
import { awsUserError } from "../aws/aws-user-error.js";
import { parseDuration } from "../cli/duration.js";
import { onInterrupt } from "../cli/interruption.js";
import { parseCliArgs } from "../cli/parse-cli-args.js";
import { UsageError } from "../cli/user-error.js";
import type { CliIo } from "../cli/run-cli.js";
import { regionFrom } from "./region-from.js";
import { janitor } from "./janitor.js";
import type { JanitorScope } from "./removal-plan.js";

export const JANITOR_USAGE = `Usage: npm run janitor -- (--subnet-group NAME | --security-group ID | --owner-tag K=V) [--region R] [--older-than 24h] [--yes]

Lists the kit's caches (tag managed-by=elasticache-driver-kit) in one scope: a cache network (its
subnet group or security group, e.g. a stack's cacheSubnetGroupName output) or an owner tag on the
cache. Those created longer ago than --older-than go, with their user groups, users and parameter
groups; users, user groups and parameter groups no cache uses go only once the driver began
deleting their resource longer ago than --older-than. Every deleted cache leaves a final snapshot
unless --no-final-snapshot. A dry run by default: it deletes only with --yes.

Flags
  --subnet-group NAME  caches in this cache subnet group
  --security-group ID  caches in this security group
  --owner-tag K=V      caches carrying this tag (e.g. stack=ci-1234)
  --region REGION      AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION)
  --older-than D       minimum age of a cache, e.g. 30m, 6h, 2d (default: 24h)
  --no-final-snapshot  delete caches without a final snapshot
  --yes                delete what is listed
  --timeout D          how long each phase of the deletion may take (default: 30m)
  -h, --help           this text`;

const OPTIONS = {
  region: { type: "string" },
  "older-than": { type: "string" },
  yes: { type: "boolean" },
  timeout: { type: "string" },
  "subnet-group": { type: "string" },
  "security-group": { type: "string" },
  "owner-tag": { type: "string" },
  "no-final-snapshot": { type: "boolean" },
} as const;

/** The janitor's scope from its flags; none given is a usage error (it never sweeps a whole region). */
export function janitorScope(values: {
  "subnet-group"?: string | undefined;
  "security-group"?: string | undefined;
  "owner-tag"?: string | undefined;
}): JanitorScope {
  const subnetGroup = values["subnet-group"];
  const securityGroupId = values["security-group"];
  const tag = values["owner-tag"];
  let ownerTag: JanitorScope["ownerTag"];
  if (tag !== undefined) {
    const at = tag.indexOf("=");
    if (at <= 0 || at === tag.length - 1) {
      throw new UsageError(
        "--owner-tag",
        `${JSON.stringify(tag)} is not KEY=VALUE`,
        "e.g. --owner-tag stack=ci-1234",
      );
    }
    ownerTag = { key: tag.slice(0, at), value: tag.slice(at + 1) };
  }
  if (subnetGroup === undefined && securityGroupId === undefined && ownerTag === undefined) {
    throw new UsageError(
      "scope",
      "none given: the janitor deletes only inside one cache network or under one owner tag",
      "add --subnet-group NAME (a stack's cacheSubnetGroupName output), --security-group ID or --owner-tag KEY=VALUE",
    );
  }
  return {
    ...(subnetGroup !== undefined || securityGroupId !== undefined
      ? { network: { subnetGroup, securityGroupId } }
      : {}),
    ...(ownerTag ? { ownerTag } : {}),
  };
}

export async function janitorCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const { values, help } = parseCliArgs(argv, OPTIONS, "npm run janitor --");
  if (help) {
    io.out(JANITOR_USAGE);
    return 0;
  }
  const olderThanMs = parseDuration(values["older-than"] ?? "24h", "--older-than");
  const timeoutMs = parseDuration(values.timeout ?? "30m", "--timeout");
  const region = regionFrom(values.region, undefined, env);
  const scope = janitorScope(values);
  const clients = createAwsClients(region);
  using interruption = onInterrupt(io.err);
  try {
    return await janitor(
      {
        region,
        olderThanMs,
        scope,
        finalSnapshots: values["no-final-snapshot"] !== true,
        yes: values.yes === true,
        timeoutMs,
        intervalMs: 15_000,
      },
      clients,
      { write: io.out, now: () => new Date(), signal: interruption.signal },
    );
  } catch (error) {
    throw awsUserError(error, "the ElastiCache and EC2 Describe calls") ?? error;
  }
}
