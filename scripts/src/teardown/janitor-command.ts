import { createAwsClients } from "../aws/aws-clients.js";
import { awsUserError } from "../aws/aws-user-error.js";
import { parseDuration } from "../cli/duration.js";
import { onInterrupt } from "../cli/interruption.js";
import { parseCliArgs } from "../cli/parse-cli-args.js";
import type { CliIo } from "../cli/run-cli.js";
import { regionFrom } from "./region-from.js";
import { janitor } from "./janitor.js";

export const JANITOR_USAGE = `Usage: npm run janitor -- [--region R] [--older-than 24h] [--yes]

Lists what carries the tag managed-by=elasticache-driver-kit in a region: replication groups and
serverless caches created longer ago than --older-than, and the user groups, users, cache subnet
groups and security groups that go with them (or that no cache uses). A dry run by default: it
deletes only with --yes.

Flags
  --region REGION     AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION)
  --older-than D      minimum age of a cache, e.g. 30m, 6h, 2d (default: 24h)
  --yes               delete what is listed
  --timeout D         how long each phase of the deletion may take (default: 30m)
  -h, --help          this text`;

const OPTIONS = {
  region: { type: "string" },
  "older-than": { type: "string" },
  yes: { type: "boolean" },
  timeout: { type: "string" },
} as const;

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
  const clients = createAwsClients(region);
  using interruption = onInterrupt(io.err);
  try {
    return await janitor(
      { region, olderThanMs, yes: values.yes === true, timeoutMs, intervalMs: 15_000 },
      clients,
      { write: io.out, now: () => new Date(), signal: interruption.signal },
    );
  } catch (error) {
    throw awsUserError(error, "the ElastiCache and EC2 Describe calls") ?? error;
  }
}
