import { describe, expect, it } from "vitest";
import { CidrPlanError, parseIpv4Cidr, planSubnets } from "./cidr-plan.js";

const range = (cidr: string): [number, number] => {
  const { base, prefix } = parseIpv4Cidr(cidr);
  return [base, base + 2 ** (32 - prefix) - 1];
};

describe("planSubnets", () => {
  it("gives a /16 three private /18s and three public /21s", () => {
    expect(planSubnets("10.0.0.0/16", 3)).toEqual({
      private: ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"],
      public: ["10.0.192.0/21", "10.0.200.0/21", "10.0.208.0/21"],
    });
  });

  it("plans two zones inside a smaller VPC", () => {
    expect(planSubnets("172.20.16.0/20", 2)).toEqual({
      private: ["172.20.16.0/22", "172.20.20.0/22"],
      public: ["172.20.28.0/25", "172.20.28.128/25"],
    });
  });

  it.each([
    ["10.0.0.0/16", 2],
    ["10.0.0.0/16", 3],
    ["192.168.0.0/22", 3],
    ["100.64.0.0/18", 2],
  ] as const)(
    "keeps every subnet of %s (%i zones) inside the VPC and apart from the others",
    (vpc, zones) => {
      const plan = planSubnets(vpc, zones);
      const [vpcStart, vpcEnd] = range(vpc);
      const subnets = [...plan.private, ...plan.public].map(range).sort((x, y) => x[0] - y[0]);
      expect(subnets).toHaveLength(2 * zones);
      for (const [start, end] of subnets) {
        expect(start).toBeGreaterThanOrEqual(vpcStart);
        expect(end).toBeLessThanOrEqual(vpcEnd);
      }
      for (let i = 1; i < subnets.length; i++) {
        expect(subnets[i]![0]).toBeGreaterThan(subnets[i - 1]![1]);
      }
    },
  );

  it("rejects what is not a CIDR block, naming the expected form", () => {
    expect(() => planSubnets("10.0.0.0", 2)).toThrow(/not an IPv4 CIDR block such as 10\.0\.0\.0\/16/);
    expect(() => planSubnets("10.0.300.0/16", 2)).toThrow(CidrPlanError);
    expect(() => planSubnets("10.0.0.0/33", 2)).toThrow(/prefix length above 32/);
  });

  it("suggests the network address when host bits are set", () => {
    expect(() => planSubnets("10.0.12.0/16", 2)).toThrow(/host bits set; did you mean 10\.0\.0\.0\/16\?/);
  });

  it("rejects VPCs too large for AWS or too small for the plan", () => {
    expect(() => planSubnets("10.0.0.0/8", 2)).toThrow(/is a \/8; use a VPC from \/16/);
    expect(() => planSubnets("10.0.0.0/24", 2)).toThrow(/is a \/24/);
  });

  it("accepts two or three zones only", () => {
    expect(() => planSubnets("10.0.0.0/16", 1)).toThrow(/1 availability zones; use 2 or 3/);
    expect(() => planSubnets("10.0.0.0/16", 4)).toThrow(CidrPlanError);
  });
});
