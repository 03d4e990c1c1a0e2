import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ELASTICACHE_IAM_ACTIONS, elasticacheIamPolicy } from "./iam-policy.js";

const doc = await readFile(new URL("../../../../docs/elasticache-iam.md", import.meta.url), "utf8");
const folder = new URL("./", import.meta.url);
const sources = await Promise.all(
  (await readdir(folder))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => readFile(new URL(file, folder), "utf8")),
);

/**
 * Actions AWS checks without a call of that name: tags on create, final snapshots, a serverless
 * cache's VPC endpoint, the service-linked role, STS.
 */
const IMPLIED = new Set([
  "ec2:CreateTags",
  "ec2:CreateVpcEndpoint",
  "elasticache:CreateSnapshot",
  "elasticache:CreateServerlessCacheSnapshot",
  "sts:AssumeRole",
  "iam:CreateServiceLinkedRole",
]);
const SERVICE_OF_MODULE: Record<string, string> = {
  "@aws-sdk/client-elasticache": "elasticache",
  "@aws-sdk/client-ec2": "ec2",
  "@aws-sdk/client-eks": "eks",
};

/** Every AWS action the provisioner's code sends, from the SDK commands it constructs. */
function calledActions(): Set<string> {
  const actions = new Set<string>();
  for (const source of sources) {
    for (const [, names = "", module = ""] of source.matchAll(
      /import \{([^}]*)\} from "(@aws-sdk\/client-[a-z0-9]+)"/g,
    )) {
      const service = SERVICE_OF_MODULE[module];
      for (const [, command] of names.matchAll(/\b([A-Z][A-Za-z]+)Command\b/g)) {
        if (service && source.includes(`new ${command}Command(`)) actions.add(`${service}:${command}`);
      }
    }
  }
  return actions;
}

const listed = new Set(Object.values(ELASTICACHE_IAM_ACTIONS).flat());

describe("the ElastiCache IAM policy", () => {
  it("lists every action the provisioner calls, and calls every action it lists", () => {
    const called = calledActions();
    expect(called.size).toBeGreaterThan(25);
    expect([...called].filter((action) => !listed.has(action as never))).toEqual([]);
    expect([...listed].filter((action) => !called.has(action) && !IMPLIED.has(action))).toEqual([]);
  });

  it("is documented action by action in docs/elasticache-iam.md", () => {
    for (const action of listed) expect(doc, action).toContain(`| \`${action}\``);
  });

  it("is the JSON policy printed in docs/elasticache-iam.md", () => {
    const json = /## The policy[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(JSON.parse(json ?? "null")).toEqual(elasticacheIamPolicy());
  });

  it("creates only with the driver's tag in the request and changes only what carries it", () => {
    const policy = elasticacheIamPolicy({ assumableRoleArns: ["arn:aws:iam::123456789012:role/caches"] });
    const bySid = Object.fromEntries(policy.Statement.map((statement) => [statement.Sid, statement]));
    expect(bySid.CreateTaggedCaches?.Condition).toEqual({
      StringEquals: { "aws:RequestTag/managed-by": "elasticache-driver-kit" },
    });
    expect(bySid.ManageOwnCaches?.Condition).toEqual({
      StringEquals: { "aws:ResourceTag/managed-by": "elasticache-driver-kit" },
    });
    expect(bySid.AssumeResourceAccountRoles?.Resource).toEqual(["arn:aws:iam::123456789012:role/caches"]);
    expect(elasticacheIamPolicy({ discovery: false }).Statement.map((s) => s.Sid)).not.toContain(
      "DiscoverCacheNetwork",
    );
  });
});
