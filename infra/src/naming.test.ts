import { describe, expect, it } from "vitest";
import { MAX_PREFIX_LENGTH, resourceNames, stackPrefix } from "./naming.js";

const ELASTICACHE_NAME = /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/;
const EKS_CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const ECR_REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

describe("stackPrefix", () => {
  it("joins project and stack", () => {
    expect(stackPrefix("elasticache-driver-kit", "dev")).toBe("elasticache-driver-kit-dev");
  });

  it("lowercases and turns every run of other characters into one hyphen", () => {
    expect(stackPrefix("Kit", "Team_A..Prod")).toBe("kit-team-a-prod");
  });

  it("starts with a letter even when the project does not", () => {
    expect(stackPrefix("42", "dev")).toBe("s-42-dev");
    expect(stackPrefix("-", "-")).toBe("s");
  });

  it("cuts long names to the limit and keeps them apart with a hash", () => {
    const a = stackPrefix("elasticache-driver-kit", "feature-a-very-long-branch-name-1");
    const b = stackPrefix("elasticache-driver-kit", "feature-a-very-long-branch-name-2");
    expect(a.length).toBeLessThanOrEqual(MAX_PREFIX_LENGTH);
    expect(b.length).toBeLessThanOrEqual(MAX_PREFIX_LENGTH);
    expect(a).not.toBe(b);
    expect(a).toMatch(ELASTICACHE_NAME);
  });

  it("is the same for the same stack", () => {
    expect(stackPrefix("p", "x".repeat(80))).toBe(stackPrefix("p", "x".repeat(80)));
  });
});

describe("resourceNames", () => {
  const cases: [string, string][] = [
    ["elasticache-driver-kit", "dev"],
    ["Kit", "Prod.EU_1"],
    ["elasticache-driver-kit", "a-stack-name-that-is-much-longer-than-the-limit--"],
    ["9", "_"],
  ];

  it.each(cases)("keeps %s/%s within the AWS naming rules", (project, stack) => {
    const names = resourceNames(project, stack);
    expect(names.clusterName).toMatch(EKS_CLUSTER_NAME);
    expect(names.cacheSubnetGroupName).toMatch(ELASTICACHE_NAME);
    expect(names.driverRepositoryName).toMatch(ECR_REPOSITORY);
    expect(names.sampleAppRepositoryName).toMatch(ECR_REPOSITORY);
  });

  it("names the cache subnet group and repositories after the prefix", () => {
    expect(resourceNames("kit", "dev")).toEqual({
      prefix: "kit-dev",
      clusterName: "kit-dev",
      cacheSubnetGroupName: "kit-dev-cache",
      driverRepositoryName: "kit-dev/driver",
      sampleAppRepositoryName: "kit-dev/sample-app",
    });
  });
});
