import { REPO_ROOT } from "@elasticache-driver-kit/e2e";
import { createAwsClients } from "../aws/aws-clients.js";
import { awsUserError } from "../aws/aws-user-error.js";
import { parseDuration } from "../cli/duration.js";
import { stackFlags } from "../cli/flag-rules.js";
import { onInterrupt } from "../cli/interruption.js";
import { parseCliArgs } from "../cli/parse-cli-args.js";
import type { CliIo } from "../cli/run-cli.js";
import { UserError } from "../cli/user-error.js";
import { kubectlClusterAccess } from "../cloud/cluster-access.js";
import { UpStateFile } from "../cloud/up-state.js";
import { commandProbe } from "../preflight/command-probe.js";
import { PulumiStackRunner } from "../stack/pulumi-stack-runner.js";
import { down } from "./down.js";
import { regionFrom } from "./region-from.js";

export const DOWN_USAGE = `Usage: npm run down -- [--stack S] [--region R] [--dry-run] [--keep-snapshots]

Takes down what \`npm run up -- --cloud\` brought up, in this order: every cache in the stack's
cache network through the deployed driver (DELETE until 204), then whatever carries the kit's tag
there still (caches, user groups, users, parameter groups, and the final snapshots of the stack's
caches unless --keep-snapshots) through the AWS API, then a bounded wait until ElastiCache has
released its network interfaces (they keep the security group and subnets from being deleted), then
the operations a cancelled run left pending cleared from the state, then the stack destroyed. (\`npm run up\` without --cloud stops and deletes its own on Ctrl-C.)

Flags
  --stack NAME        Pulumi stack (default: dev)
  --region REGION     AWS region (default: the one \`up --cloud\` recorded, AWS_REGION, AWS_DEFAULT_REGION)
  --namespace NAME    the workloads' namespace (default: elasticache-driver)
  --dry-run           list what would go, change nothing
  --keep-snapshots    keep the final snapshots the driver took of the stack's caches
  --cache-timeout D   how long deleting the caches may take (default: 45m)
  --eni-timeout D     how long to wait for the network interfaces (default: 60m)
  -h, --help          this text`;

const OPTIONS = {
  stack: { type: "string" },
  region: { type: "string" },
  namespace: { type: "string" },
  "dry-run": { type: "boolean" },
  "keep-snapshots": { type: "boolean" },
  "cache-timeout": { type: "string" },
  "eni-timeout": { type: "string" },
} as const;

export async function downCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const { values, help } = parseCliArgs(argv, OPTIONS, "npm run down --");
  if (help) {
    io.out(DOWN_USAGE);
    return 0;
  }
  const { stack, namespace } = stackFlags(values);
  const cacheTimeoutMs = parseDuration(values["cache-timeout"] ?? "45m", "--cache-timeout");
  const eniTimeoutMs = parseDuration(values["eni-timeout"] ?? "60m", "--eni-timeout");
  const stateFile = UpStateFile.forStack(REPO_ROOT, stack);
  const recorded = await stateFile.load().catch(() => undefined);
  const region = regionFrom(values.region, recorded?.region, env);
  const pulumi = await commandProbe()("pulumi", ["version"]);
  if (!pulumi.found) {
    throw new UserError(
      "Pulumi CLI",
      "not found on PATH (down destroys the stack through it)",
      "install it (https://www.pulumi.com/docs/iac/download-install/) and log in to the backend that holds the stack",
    );
  }
  const clients = createAwsClients(region);
  using interruption = onInterrupt(io.err);
  try {
    return await down(
      {
        stack,
        namespace,
        dryRun: values["dry-run"] === true,
        keepSnapshots: values["keep-snapshots"] === true,
        cacheTimeoutMs,
        eniTimeoutMs,
        intervalMs: 15_000,
      },
      {
        runner: new PulumiStackRunner(stack, REPO_ROOT),
        clients,
        openCluster: kubectlClusterAccess,
        stateFile,
      },
      { write: io.out, signal: interruption.signal },
    );
  } catch (error) {
    throw awsUserError(error, "the ElastiCache and EC2 calls of down") ?? error;
  }
}
