import { beforeAll, describe, expect, it } from "vitest";
import { runProgram, type ProgramRun } from "./support/run-program.js";

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram({ "aws:region": "eu-west-1", "elasticache-driver-kit:imageTag": "0.1.0" });
});

describe("the program with an image but no certificate", () => {
  it("keeps the driver inside the cluster, on plain HTTP", () => {
    const service = run.one("kubernetes:core/v1:Service", "driver").inputs as {
      metadata: { annotations?: unknown };
      spec: { type: string; ports: unknown[] };
    };
    expect(service.spec).toMatchObject({
      type: "ClusterIP",
      ports: [{ name: "http", port: 8080, targetPort: "http" }],
    });
    expect(service.metadata.annotations).toBeUndefined();
    expect(run.outputs.driverUrl).toBe(
      "http://elasticache-driver.elasticache-driver.svc.cluster.local:8080/",
    );
    expect(run.outputs.driverLoadBalancer).toBeUndefined();
  });

  it("uses one NAT gateway for both of the region's first zones", () => {
    const zones = run.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone);
    expect(new Set(zones)).toEqual(new Set(["eu-west-1a", "eu-west-1b"]));
    expect(run.ofType("aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    const privateTables = run
      .ofType("aws:ec2/routeTable:RouteTable")
      .filter((t) => t.name.includes("private"));
    expect(privateTables.map((t) => t.inputs.routes)).toEqual([
      [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-network-0" }],
      [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-network-0" }],
    ]);
  });

  it("deploys no sample app until its cache is configured", () => {
    expect(run.ofType("kubernetes:apps/v1:Deployment").map((d) => d.name)).toEqual(["driver"]);
    expect(run.outputs.sampleAppUrl).toBeUndefined();
  });

  it("generates the driver's key and token once, as secrets in the stack's state", () => {
    const passwords = run.ofType("random:index/randomPassword:RandomPassword");
    expect(passwords.map((p) => [p.name, p.inputs.length, p.inputs.special])).toEqual(
      expect.arrayContaining([
        ["driver-auth-token", 48, false],
        ["driver-secret-key", 64, false],
      ]),
    );
    expect(run.secretOutputs).toContain("driverAuthToken");
  });

  it("grants no role assumption when no Resource Account role is configured", () => {
    const policy = JSON.parse(String(run.one("aws:iam/rolePolicy:RolePolicy").inputs.policy)) as {
      Statement: { Action: string[] }[];
    };
    expect(policy.Statement.flatMap((s) => s.Action)).not.toContain("sts:AssumeRole");
  });
});
