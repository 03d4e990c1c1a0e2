import { describe, expect, it } from "vitest";
import { resourceArgs, violationsOf } from "../../test/support/policy-args.js";
import { nodeGroupSizePolicy } from "./node-group-size.js";

const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

describe("node-group-size policy", () => {
  it("passes a node group within the default cap of 6", async () => {
    const args = resourceArgs(NODE_GROUP, { scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 6 } });
    expect(await violationsOf(nodeGroupSizePolicy, args)).toEqual([]);
  });

  it("reports a node group that may grow past the cap", async () => {
    const args = resourceArgs(
      NODE_GROUP,
      { scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 50 } },
      {},
      "nodes",
    );
    expect(await violationsOf(nodeGroupSizePolicy, args)).toEqual([
      "nodes: may scale to 50 nodes, above the cap of 6; lower its maximum size or raise the policy's maxNodes.",
    ]);
  });

  it("uses the configured cap, for self-managed groups too", async () => {
    const group = resourceArgs("aws:autoscaling/group:Group", { maxSize: 4 }, { maxNodes: 3 }, "asg");
    expect(await violationsOf(nodeGroupSizePolicy, group)).toEqual([
      "asg: may scale to 4 nodes, above the cap of 3; lower its maximum size or raise the policy's maxNodes.",
    ]);
    expect(
      await violationsOf(
        nodeGroupSizePolicy,
        resourceArgs("aws:autoscaling/group:Group", { maxSize: 3 }, { maxNodes: 3 }),
      ),
    ).toEqual([]);
  });

  it("reports a node group without a maximum", async () => {
    expect(await violationsOf(nodeGroupSizePolicy, resourceArgs(NODE_GROUP, {}, {}, "nodes"))).toEqual([
      "nodes: set a maximum size (at most 6 nodes).",
    ]);
  });

  it("leaves other resources alone", async () => {
    expect(await violationsOf(nodeGroupSizePolicy, resourceArgs("aws:ec2/vpc:Vpc", {}))).toEqual([]);
  });
});
