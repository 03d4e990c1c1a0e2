import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { awsUserError } from "../aws/aws-user-error.js";
import { UserError, UserErrors } from "../cli/user-error.js";
import { DEFAULT_HUMANITEC_API_URL, HumanitecApi } from "../humanitec/humanitec-api.js";
import type { ProbeCommand } from "./command-probe.js";

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

type Outcome<T> =
  | { readonly ok: true; readonly detail: string; readonly value: T }
  | { readonly ok: false; readonly problems: readonly UserError[] };

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

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
  const region = checkRegion(input);
  const [identity, pulumi, tool, kubectl, awsCli, humanitec] = await Promise.all([
    checkIdentity(region.ok ? region.value : "us-east-1", deps),
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

function checkRegion(input: PreflightInput): Outcome<string> {
  const [source, region] =
    input.region !== undefined
      ? ["--region", input.region]
      : input.env.AWS_REGION
        ? ["AWS_REGION", input.env.AWS_REGION]
        : input.env.AWS_DEFAULT_REGION
          ? ["AWS_DEFAULT_REGION", input.env.AWS_DEFAULT_REGION]
          : [undefined, undefined];
  if (source === undefined || region === undefined) {
    return {
      ok: false,
      problems: [
        new UserError("AWS region", "not set", "pass --region us-east-1 or export AWS_REGION=us-east-1"),
      ],
    };
  }
  if (!REGION.test(region)) {
    return {
      ok: false,
      problems: [
        new UserError(
          source,
          `${JSON.stringify(region)} is not an AWS region`,
          "use a region code such as us-east-1 or eu-central-1",
        ),
      ],
    };
  }
  return { ok: true, detail: `${region} (from ${source})`, value: region };
}

async function checkIdentity(
  region: string,
  deps: PreflightDeps,
): Promise<Outcome<{ account: string; arn: string }>> {
  try {
    const answer = await deps.sts(region).send(new GetCallerIdentityCommand({}));
    const account = answer.Account ?? "unknown account";
    const arn = answer.Arn ?? "unknown identity";
    return { ok: true, detail: `${arn} (account ${account})`, value: { account, arn } };
  } catch (error) {
    const known = awsUserError(error, "sts:GetCallerIdentity");
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [
        known ??
          new UserError(
            "AWS identity",
            `STS GetCallerIdentity failed: ${message}`,
            "check the network and the credentials (`aws sts get-caller-identity` shows the same)",
          ),
      ],
    };
  }
}

async function checkPulumi(probe: ProbeCommand): Promise<Outcome<string>> {
  const version = await probe("pulumi", ["version"]);
  if (!version.ok) {
    return {
      ok: false,
      problems: [
        new UserError(
          "Pulumi CLI",
          version.found ? `\`pulumi version\` failed: ${firstLine(version.output)}` : "not found on PATH",
          "install it (https://www.pulumi.com/docs/iac/download-install/, e.g. `curl -fsSL https://get.pulumi.com | sh`) and open a new shell",
        ),
      ],
    };
  }
  const whoami = await probe("pulumi", ["whoami", "--non-interactive"]);
  if (!whoami.ok) {
    return {
      ok: false,
      problems: [
        new UserError(
          "Pulumi backend",
          `not logged in (${firstLine(whoami.output)})`,
          "run `pulumi login` (Pulumi Cloud, or PULUMI_ACCESS_TOKEN) or `pulumi login --local` with PULUMI_CONFIG_PASSPHRASE set",
        ),
      ],
    };
  }
  return {
    ok: true,
    detail: `${firstLine(version.output)}, logged in as ${firstLine(whoami.output)}`,
    value: "",
  };
}

async function checkContainerTool(
  env: NodeJS.ProcessEnv,
  probe: ProbeCommand,
): Promise<Outcome<"docker" | "podman">> {
  const chosen = env.KIT_CONTAINER_TOOL;
  if (chosen !== undefined && chosen !== "docker" && chosen !== "podman") {
    return {
      ok: false,
      problems: [
        new UserError(
          "KIT_CONTAINER_TOOL",
          `${JSON.stringify(chosen)} is not a container build tool the kit drives`,
          "set it to docker or podman, or unset it to let the kit pick",
        ),
      ],
    };
  }
  const candidates: readonly ("docker" | "podman")[] =
    chosen === "docker" || chosen === "podman" ? [chosen] : ["docker", "podman"];
  const seen: string[] = [];
  for (const tool of candidates) {
    const info = await probe(tool, ["info"]);
    if (info.ok) return { ok: true, detail: `${tool} (its engine answers)`, value: tool };
    if (info.found)
      seen.push(`${tool} is installed but its engine does not answer (${firstLine(info.output)})`);
  }
  return {
    ok: false,
    problems: [
      new UserError(
        "Container build tool",
        seen.length > 0 ? seen.join("; ") : `${candidates.join(" and ")} not found on PATH`,
        seen.length > 0
          ? "start the engine (Docker Desktop, `sudo systemctl start docker`, or `podman machine start`)"
          : "install Docker (https://docs.docker.com/get-docker/) or podman: the driver and sample-app images are built here",
      ),
    ],
  };
}

async function checkInstalled(
  probe: ProbeCommand,
  command: string,
  args: readonly string[],
  name: string,
  { fix }: { fix: string },
): Promise<Outcome<string>> {
  const result = await probe(command, args);
  if (result.ok) return { ok: true, detail: firstLine(result.output) || "installed", value: "" };
  return {
    ok: false,
    problems: [
      new UserError(
        name,
        result.found
          ? `\`${command} ${args.join(" ")}\` failed: ${firstLine(result.output)}`
          : "not found on PATH",
        fix,
      ),
    ],
  };
}

async function checkHumanitec(
  env: NodeJS.ProcessEnv,
  deps: PreflightDeps,
): Promise<Outcome<HumanitecAccess | undefined>> {
  const token = env.HUMANITEC_TOKEN || undefined;
  const org = env.HUMANITEC_ORG || undefined;
  if (token === undefined && org === undefined) {
    return { ok: true, detail: "no HUMANITEC_TOKEN: registration is skipped (optional)", value: undefined };
  }
  if (token === undefined || org === undefined) {
    const [missing, present] =
      token === undefined ? ["HUMANITEC_TOKEN", "HUMANITEC_ORG"] : ["HUMANITEC_ORG", "HUMANITEC_TOKEN"];
    return {
      ok: false,
      problems: [
        new UserError(
          missing,
          `not set while ${present} is`,
          `export ${missing} too (registration needs both), or unset ${present} to skip registration`,
        ),
      ],
    };
  }
  const baseUrl = env.HUMANITEC_API_URL || DEFAULT_HUMANITEC_API_URL;
  const api = (deps.humanitec ?? ((options) => new HumanitecApi(options)))({ baseUrl, token, org });
  try {
    await api.checkAccess();
  } catch (error) {
    if (error instanceof UserError) return { ok: false, problems: [error] };
    throw error;
  }
  return { ok: true, detail: `token accepted for organisation ${org}`, value: { baseUrl, token, org } };
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? ""
  );
}
