import { describe, expect, it } from "vitest";
import { parseStackConfig, StackConfigError, type StackConfig } from "./stack-config.js";

const PROJECT = "elasticache-driver-kit";
const parse = (raw: Record<string, string | undefined>) =>
  parseStackConfig(PROJECT, { region: "us-east-1", ...raw });

const problemsOf = (raw: Record<string, string | undefined>): string[] => {
  try {
    parse(raw);
  } catch (error) {
    if (error instanceof StackConfigError) return [...error.problems];
    throw error;
  }
  throw new Error("expected a StackConfigError");
};

describe("parseStackConfig", () => {
  it("gives a small dev stack by default", () => {
    const config: StackConfig = parse({});
    expect(config).toMatchObject({
      region: "us-east-1",
      availabilityZoneCount: 2,
      vpcCidr: "10.0.0.0/16",
      natGateways: "single",
      nodeInstanceType: "t3.small",
      nodeCount: 2,
      nodeMaxCount: 3,
      nodeDiskSizeGib: 20,
      cachePorts: [6379, 6380],
      namespace: "elasticache-driver",
      driverReplicas: 2,
      clusterApiAllowedCidrs: ["0.0.0.0/0"],
      assumableRoleArns: [],
      forceDeleteRepositories: false,
      sampleAppCache: undefined,
    });
    expect(config.certificateArn).toBeUndefined();
    expect(config.imageTag).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads numbers, booleans and lists from the strings Pulumi stores", () => {
    const config = parse({
      nodeCount: "3",
      nodeMaxCount: "5",
      natGateways: "one-per-az",
      availabilityZones: '["us-east-1a","us-east-1b","us-east-1c"]',
      cachePorts: "6379",
      assumableRoleArns: "arn:aws:iam::123456789012:role/a, arn:aws:iam::123456789012:role/b",
      forceDeleteRepositories: "TRUE",
    });
    expect(config).toMatchObject({
      nodeCount: 3,
      nodeMaxCount: 5,
      natGateways: "one-per-az",
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      availabilityZoneCount: 3,
      cachePorts: [6379],
      assumableRoleArns: ["arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:role/b"],
      forceDeleteRepositories: true,
    });
  });

  it("treats empty values as unset", () => {
    const config = parse({ nodeCount: "", imageTag: " " });
    expect(config.nodeCount).toBe(2);
    expect(config.imageTag).toBeUndefined();
  });

  it("gathers the sample app's cache when its host is set", () => {
    const config = parse({
      sampleAppRedisHost: "master.hk-1.abc.use1.cache.amazonaws.com",
      sampleAppRedisUsername: "app",
      sampleAppRedisPassword: "s3cret-token-value",
    });
    expect(config.sampleAppCache).toEqual({
      host: "master.hk-1.abc.use1.cache.amazonaws.com",
      port: 6379,
      username: "app",
      password: "s3cret-token-value",
      tls: true,
    });
  });

  it("accepts HTTPS settings together", () => {
    const config = parse({
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab",
      driverHostname: "driver.example.com",
    });
    expect(config.driverHostname).toBe("driver.example.com");
  });

  it("names the key, the problem and the command that fixes it", () => {
    expect(problemsOf({ nodeCount: "twelve" })).toEqual([
      'elasticache-driver-kit:nodeCount: must be a whole number from 1 to 20; got "twelve"; set it with `pulumi config set nodeCount 2`',
    ]);
  });

  it("requires the AWS region", () => {
    expect(problemsOf({ region: undefined })).toEqual([
      "aws:region: required; set it with `pulumi config set aws:region us-east-1`",
    ]);
  });

  it("lists every problem at once", () => {
    const problems = problemsOf({
      nodeCount: "0",
      natGateways: "many",
      vpcCidr: "10.0.0.0",
      namespace: "Driver",
    });
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(
      /natGateways: must be "single" \(dev\) or "one-per-az" \(prod\); got "many"/,
    );
    expect(problems.join("\n")).toMatch(/namespace: must be a Kubernetes namespace name/);
  });

  it("suggests the closest key for an unknown one", () => {
    expect(problemsOf({ nodecount: "2" })).toEqual([
      "elasticache-driver-kit:nodecount: unknown key; did you mean elasticache-driver-kit:nodeCount?",
    ]);
  });

  it("explains a VPC the subnet plan cannot use", () => {
    expect(problemsOf({ vpcCidr: "10.0.5.0/16" })).toEqual([
      expect.stringMatching(/vpcCidr: "10\.0\.5\.0\/16" has host bits set; did you mean 10\.0\.0\.0\/16\?/),
    ]);
    expect(problemsOf({ vpcCidr: "10.0.0.0/12" })[0]).toMatch(/use a VPC from \/16/);
  });

  it("rejects a node maximum below the node count", () => {
    expect(problemsOf({ nodeCount: "4", nodeMaxCount: "3" })).toEqual([
      "elasticache-driver-kit:nodeMaxCount: 3 is below nodeCount (4); raise it or lower nodeCount",
    ]);
  });

  it("checks the availability zones against their count and the region", () => {
    expect(problemsOf({ availabilityZones: "us-east-1a" })[0]).toMatch(/lists 1 zones; list 2 or 3/);
    expect(problemsOf({ availabilityZones: "us-east-1a,us-east-1b", availabilityZoneCount: "3" })[0]).toMatch(
      /lists 2 zones but availabilityZoneCount is 3/,
    );
    expect(problemsOf({ availabilityZones: "eu-west-1a,eu-west-1b" })[0]).toMatch(
      /every zone must be in aws:region us-east-1/,
    );
  });

  it("requires a certificate and a host name together, the certificate in the stack's region", () => {
    expect(problemsOf({ certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" })[0]).toMatch(
      /driverHostname: required with certificateArn/,
    );
    expect(problemsOf({ driverHostname: "driver.example.com" })[0]).toMatch(
      /certificateArn: required with driverHostname: the driver is exposed only over HTTPS/,
    );
    expect(
      problemsOf({
        certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
        driverHostname: "driver.example.com",
      })[0],
    ).toMatch(/must be in aws:region us-east-1/);
  });

  it("never quotes a secret value", () => {
    const problems = problemsOf({ driverSecretKey: "short-secret", driverAuthToken: "tiny secret" });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).not.toMatch(/short-secret|tiny secret/);
    expect(problems[0]).toMatch(
      /driverSecretKey: must be at least 32 printable characters.*--secret driverSecretKey/,
    );
  });

  it("rejects sample-app credentials without a host", () => {
    expect(problemsOf({ sampleAppRedisPassword: "secret-value" })).toEqual([
      expect.stringMatching(/sampleAppRedisPassword: set only with sampleAppRedisHost/),
    ]);
  });

  it("rejects a list that is not one", () => {
    expect(problemsOf({ cachePorts: "[6379" })[0]).toMatch(/cachePorts: must be a list; got "\[6379"/);
    expect(problemsOf({ cachePorts: "80" })[0]).toMatch(/ports must be from 1024 to 65535/);
  });
});
