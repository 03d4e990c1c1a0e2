import { beforeAll, describe, expect, it, vi } from "vitest";
import { runProgram, type ProgramRun } from "./support/run-program.js";

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram({ "aws:region": "us-east-1" });
});

describe("the program before any image is pushed", () => {
  it("creates the infrastructure and the repositories, but no workload", () => {
    expect(run.ofType("aws:ecr/repository:Repository")).toHaveLength(2);
    expect(run.ofType("aws:eks/nodeGroup:NodeGroup")).toHaveLength(1);
    const kubernetes = run.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.type);
    expect(kubernetes).toEqual(["kubernetes:core/v1:Namespace"]);
  });

  it("exports what pushing images and registering the driver need, and no driver URL yet", () => {
    for (const key of [
      "region",
      "vpcId",
      "clusterName",
      "kubeconfig",
      "cacheSubnetGroupName",
      "cacheSecurityGroupId",
      "driverRoleArn",
      "driverRepositoryUrl",
      "sampleAppRepositoryUrl",
      "driverAuthToken",
    ]) {
      expect(run.outputs[key], key).toEqual(expect.any(String));
    }
    expect(run.outputs.driverUrl).toBeUndefined();
  });

  it("spans the region's first two zones", () => {
    const zones = run.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone);
    expect(new Set(zones)).toEqual(new Set(["us-east-1a", "us-east-1b"]));
  });
});

describe("the program with an invalid configuration", () => {
  it("stops before creating anything, listing every problem", async () => {
    // A fresh copy of the program; Pulumi's SDK stays loaded, so this costs no second import.
    vi.resetModules();
    const attempt = runProgram({
      "aws:region": "us-east-1",
      "elasticache-driver-kit:nodeCount": "100",
      "elasticache-driver-kit:natGateways": "many",
    });
    const error = await attempt.then(
      () => new Error("expected the program to stop"),
      (thrown: unknown) => thrown as Error,
    );
    expect(error.message).toMatch(/^Invalid stack configuration:\n/);
    expect(error.message).toContain(
      'elasticache-driver-kit:nodeCount: must be a whole number from 1 to 20; got "100"',
    );
    expect(error.message).toContain(
      'elasticache-driver-kit:natGateways: must be "single" (dev) or "one-per-az" (prod)',
    );
  });
});
