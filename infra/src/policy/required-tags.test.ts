import { describe, expect, it } from "vitest";
import { resourceArgs, violationsOf } from "../../test/support/policy-args.js";
import { requiredTagsPolicy } from "./required-tags.js";

describe("required-tags policy", () => {
  it("passes a resource with the project and stack tags", async () => {
    const args = resourceArgs("aws:ec2/vpc:Vpc", { tags: { project: "kit", stack: "dev", Name: "vpc" } });
    expect(await violationsOf(requiredTagsPolicy, args)).toEqual([]);
  });

  it("names the missing tags", async () => {
    const args = resourceArgs(
      "aws:ec2/subnet:Subnet",
      { tags: { project: "kit", stack: "" } },
      {},
      "private-0",
    );
    expect(await violationsOf(requiredTagsPolicy, args)).toEqual([
      "private-0: missing tags stack; add them to its tags.",
    ]);
    const untagged = resourceArgs("aws:eks/nodeGroup:NodeGroup", {}, {}, "nodes");
    expect(await violationsOf(requiredTagsPolicy, untagged)).toEqual([
      "nodes: missing tags project, stack; add them to its tags.",
    ]);
  });

  it("checks the tags the policy is configured with", async () => {
    const args = resourceArgs(
      "aws:iam/role:Role",
      { tags: { project: "kit", stack: "dev" } },
      { requiredTags: ["owner"] },
      "driver",
    );
    expect(await violationsOf(requiredTagsPolicy, args)).toEqual([
      "driver: missing tags owner; add them to its tags.",
    ]);
  });

  it("leaves resources that take no tags alone", async () => {
    const args = resourceArgs("aws:ec2/routeTableAssociation:RouteTableAssociation", {});
    expect(await violationsOf(requiredTagsPolicy, args)).toEqual([]);
  });
});
