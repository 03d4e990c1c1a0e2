import type { STSClient } from "@aws-sdk/client-sts";
import { UserErrors } from "../cli/user-error.js";
import type { HumanitecApi } from "../humanitec/humanitec-api.js";
import { checkIdentity, checkRegion } from "./aws-checks.js";
import type { Outcome } from "./check-outcome.js";
import type { ProbeCommand } from "./command-probe.js";
import { checkHumanitec } from "./humanitec-check.js";
import { checkContainerTool, checkInstalled, checkPulumi } from "./tool-checks.js";

export interface PreflightInput {
  /** `--region`, which wins over `AWS_REGION` and `AWS_DEFAULT_REGION`. */
  readonly region: string | undefined;
  readonly env: NodeJS.ProcessEnv;
}

export interface PreflightDeps {
  readonly probe: ProbeCommand;
  /** An STS client for the region (STS answers for the credentials wherever it is asked). */
  readonly sts: (region: string) => STSClient;
  readonly humanitec?: (options: {
    baseUrl: string;
    token: string;
    org: string;
  }) => Pick<HumanitecApi, "checkAccess">;
}

export interface HumanitecAccess {
  readonly baseUrl: string;
  readonly token: string;
  readonly org: string;
}

export interface PreflightResult {
  readonly region: string;
  readonly account: string;
  readonly arn: string;
  readonly containerTool: "docker" | "podman";
  /** Set when registration with Humanitec can run. */
  readonly humanitec: HumanitecAccess | undefined;
}

/**
 * Everything `up --cloud` needs before it creates anything, checked at once: AWS region and
 * identity, the Pulumi CLI (and a backend it is logged in to), a container build tool whose engine
 * answers, kubectl and the AWS CLI (kubectl authenticates to EKS with `aws eks get-token`), and,
 * when a Humanitec token is given, that Humanitec accepts it. Prints one line per check and throws
 * every problem, each with its fix, in one `UserErrors`.
 */
export async function cloudPreflight(
  input: PreflightInput,
  deps: PreflightDeps,
  write: (line: string) => void,
): Promise<PreflightResult> {
  const region = checkRegion(input.region, input.env);
  const [identity, pulumi, tool, kubectl, awsCli, humanitec] = await Promise.all([
    checkIdentity(region.ok ? region.value : "us-east-1", deps.sts),
    checkPulumi(deps.probe),
    checkContainerTool(input.env, deps.probe),
    checkInstalled(deps.probe, "kubectl", ["version", "--client"], "kubectl", {
      fix: "install kubectl (https://kubernetes.io/docs/tasks/tools/): it reaches the driver and the sample app in the cluster",
    }),
    checkInstalled(deps.probe, "aws", ["--version"], "AWS CLI", {
      fix: "install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html): kubectl signs in to EKS with `aws eks get-token`",
    }),
    checkHumanitec(input.env, deps),
  ]);
  const outcomes: [string, Outcome<unknown>][] = [
    ["AWS region", region],
    ["AWS identity", identity],
    ["Pulumi CLI", pulumi],
    ["Container build tool", tool],
    ["kubectl", kubectl],
    ["AWS CLI", awsCli],
    ["Humanitec", humanitec],
  ];
  write("Preflight:");
  for (const [name, outcome] of outcomes) {
    if (outcome.ok) write(`  ✓ ${name}: ${outcome.detail}`);
    else for (const problem of outcome.problems) write(`  ✗ ${problem.subject}: ${problem.problem}`);
  }
  const problems = outcomes.flatMap(([, outcome]) => (outcome.ok ? [] : outcome.problems));
  if (problems.length > 0 || !region.ok || !identity.ok || !tool.ok || !humanitec.ok) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    throw new UserErrors(problems, `Preflight found ${count}; nothing was created. Fix each, then run again`);
  }
  return {
    region: region.value,
    account: identity.value.account,
    arn: identity.value.arn,
    containerTool: tool.value,
    humanitec: humanitec.value,
  };
}
