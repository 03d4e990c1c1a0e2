import { ExpiredTokenException, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { startFakeHumanitec } from "../../test/support/fake-humanitec.js";
import { UserErrors } from "../cli/user-error.js";
import type { ProbeCommand, ProbeResult } from "./command-probe.js";
import { cloudPreflight, type PreflightDeps } from "./cloud-preflight.js";

const sts = mockClient(STSClient);
beforeEach(() => {
  sts.reset();
  sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/dev" });
});

/** A PATH where each command answers as given (absent: not found). */
function probeOf(answers: Readonly<Record<string, Partial<ProbeResult>>>): ProbeCommand {
  return (command, args) => {
    const answer = answers[`${command} ${args[0] ?? ""}`] ?? answers[command];
    return Promise.resolve(
      answer === undefined
        ? { found: false, ok: false, output: `spawn ${command} ENOENT` }
        : { found: true, ok: true, output: `${command} 1.0`, ...answer },
    );
  };
}

const ALL_THERE = probeOf({ pulumi: {}, docker: {}, kubectl: {}, aws: {} });
const deps = (probe: ProbeCommand): PreflightDeps => ({ probe, sts: (region) => new STSClient({ region }) });

async function problemsOf(run: Promise<unknown>): Promise<string[]> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserErrors);
  return (error as UserErrors).problems.map((problem) => problem.message);
}

describe("the cloud preflight", () => {
  it("passes with everything there, telling who and where", async () => {
    const lines: string[] = [];
    const result = await cloudPreflight(
      { region: undefined, env: { AWS_REGION: "eu-central-1" } },
      deps(ALL_THERE),
      (l) => lines.push(l),
    );
    expect(result).toEqual({
      region: "eu-central-1",
      account: "123456789012",
      arn: "arn:aws:iam::123456789012:user/dev",
      containerTool: "docker",
      humanitec: undefined,
    });
    expect(lines).toContain("  ✓ AWS region: eu-central-1 (from AWS_REGION)");
    expect(lines).toContain("  ✓ Humanitec: no HUMANITEC_TOKEN: registration is skipped (optional)");
  });

  it("reports every missing piece at once, each with its fix, and creates nothing", async () => {
    sts.on(GetCallerIdentityCommand).rejects(
      new ExpiredTokenException({
        message: "The security token included in the request is expired",
        $metadata: {},
      }),
    );
    const probe = probeOf({
      docker: { ok: false, output: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock" },
      aws: {},
    });
    const lines: string[] = [];
    const problems = await problemsOf(
      cloudPreflight({ region: undefined, env: { HUMANITEC_TOKEN: "t" } }, deps(probe), (l) => lines.push(l)),
    );

    expect(problems).toEqual([
      "AWS region: not set. Fix: pass --region us-east-1 or export AWS_REGION=us-east-1",
      "AWS credentials: the session has expired. Fix: refresh it (`aws sso login`, or new temporary keys) and run again",
      expect.stringMatching(/^Pulumi CLI: not found on PATH\. Fix: install it \(https:\/\/www\.pulumi\.com/),
      expect.stringMatching(
        /^Container build tool: docker is installed but its engine does not answer \(Cannot connect to the Docker daemon.*\)\. Fix: start the engine/,
      ),
      expect.stringMatching(/^kubectl: not found on PATH\. Fix: install kubectl/),
      "HUMANITEC_ORG: not set while HUMANITEC_TOKEN is. Fix: export HUMANITEC_ORG too (registration needs both), or unset HUMANITEC_TOKEN to skip registration",
    ]);
    expect(lines[0]).toBe("Preflight:");
    expect(lines).toContain("  ✓ AWS CLI: aws 1.0");
  });

  it("names a malformed region and where it came from, and a Pulumi CLI that is not logged in", async () => {
    const probe = probeOf({
      "pulumi version": {},
      "pulumi whoami": {
        ok: false,
        output: "error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions",
      },
      podman: {},
      kubectl: {},
      aws: {},
    });
    const problems = await problemsOf(cloudPreflight({ region: "Europe", env: {} }, deps(probe), () => {}));
    expect(problems).toEqual([
      '--region: "Europe" is not an AWS region. Fix: use a region code such as us-east-1 or eu-central-1',
      expect.stringMatching(
        /^Pulumi backend: not logged in \(error: PULUMI_ACCESS_TOKEN must be set.*\)\. Fix: run `pulumi login`/,
      ),
    ]);
  });

  it("checks a Humanitec token against the API, and names the variable when it is refused", async () => {
    await using humanitec = await startFakeHumanitec({ org: "my-org", token: "good-token" });
    const env = { AWS_REGION: "us-east-1", HUMANITEC_ORG: "my-org", HUMANITEC_API_URL: humanitec.url };

    const accepted = await cloudPreflight(
      { region: undefined, env: { ...env, HUMANITEC_TOKEN: "good-token" } },
      deps(ALL_THERE),
      () => {},
    );
    expect(accepted.humanitec).toEqual({ baseUrl: humanitec.url, token: "good-token", org: "my-org" });
    expect(humanitec.requests.at(-1)).toMatchObject({
      method: "GET",
      path: "/orgs/my-org/resources/drivers",
    });

    const problems = await problemsOf(
      cloudPreflight(
        { region: undefined, env: { ...env, HUMANITEC_TOKEN: "stale-token" } },
        deps(ALL_THERE),
        () => {},
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^HUMANITEC_TOKEN: rejected by Humanitec \(401\).*Fix: create an API token/),
    ]);
    expect(problems.join("")).not.toContain("stale-token");
  });

  it("takes KIT_CONTAINER_TOOL only as docker or podman", async () => {
    const problems = await problemsOf(
      cloudPreflight(
        { region: "us-east-1", env: { KIT_CONTAINER_TOOL: "buildah" } },
        deps(ALL_THERE),
        () => {},
      ),
    );
    expect(problems).toEqual([
      'KIT_CONTAINER_TOOL: "buildah" is not a container build tool the kit drives. Fix: set it to docker or podman, or unset it to let the kit pick',
    ]);
  });
});
