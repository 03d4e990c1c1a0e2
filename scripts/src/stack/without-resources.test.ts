import { describe, expect, it } from "vitest";
import { withoutResources } from "./pulumi-stack-runner.js";

const urn = (type: string, name: string) => `urn:pulumi:dev::elasticache-driver-kit::${type}::${name}`;

describe("withoutResources", () => {
  it("drops the resources of a type prefix and every reference to them, keeping the rest as it was", () => {
    const deployment = {
      manifest: { time: "2026-12-07T00:00:00Z" },
      resources: [
        { urn: urn("aws:eks/cluster:Cluster", "cluster"), type: "aws:eks/cluster:Cluster" },
        {
          urn: urn("kubernetes:apps/v1:Deployment", "driver"),
          type: "kubernetes:apps/v1:Deployment",
          dependencies: [urn("aws:eks/cluster:Cluster", "cluster")],
        },
        {
          urn: urn("aws:route53/record:Record", "dns"),
          type: "aws:route53/record:Record",
          dependencies: [
            urn("kubernetes:apps/v1:Deployment", "driver"),
            urn("aws:eks/cluster:Cluster", "cluster"),
          ],
          propertyDependencies: { records: [urn("kubernetes:apps/v1:Deployment", "driver")] },
        },
      ],
    };
    const { deployment: left, dropped } = withoutResources(deployment, "kubernetes:");
    expect(dropped).toEqual([{ type: "kubernetes:apps/v1:Deployment", name: "driver" }]);
    expect(left.manifest).toEqual(deployment.manifest);
    expect(left.resources).toEqual([
      deployment.resources[0],
      {
        ...deployment.resources[2],
        dependencies: [urn("aws:eks/cluster:Cluster", "cluster")],
        propertyDependencies: { records: [] },
      },
    ]);
  });

  it("changes nothing when no resource has the prefix", () => {
    const deployment = { resources: [{ urn: urn("aws:ec2/vpc:Vpc", "vpc"), type: "aws:ec2/vpc:Vpc" }] };
    expect(withoutResources(deployment, "kubernetes:")).toEqual({ deployment, dropped: [] });
  });
});
