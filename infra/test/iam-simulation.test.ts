import { readdir, readFile } from "node:fs/promises";
import { ELASTICACHE_IAM_ACTIONS, type IamPolicyDocument } from "@elasticache-driver-kit/driver";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ASSUMABLE_ROLE, DRIVER_AWS_CALLS, MUST_DENY, REGION, type AwsCall } from "./iam/driver-aws-calls.js";
import { describeCall, simulate, type Verdict } from "./iam/simulate.js";
import { runProgram } from "./support/run-program.js";

const repo = new URL("../../", import.meta.url);
const provisioner = new URL("driver/src/provisioners/elasticache/", repo);

/** The policy docs/elasticache-iam.md prints (what a user attaches outside the stack). */
async function documentedPolicy(): Promise<IamPolicyDocument> {
  const doc = await readFile(new URL("docs/elasticache-iam.md", repo), "utf8");
  const json = /## The policy[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
  return JSON.parse(json ?? "null") as IamPolicyDocument;
}

const SERVICE_OF_MODULE: Record<string, string> = {
  "@aws-sdk/client-elasticache": "elasticache",
  "@aws-sdk/client-ec2": "ec2",
  "@aws-sdk/client-eks": "eks",
  "@aws-sdk/client-sts": "sts",
};

/** Every AWS action the provisioner's code sends: the SDK commands it constructs, its paginators and waiters. */
async function sentActions(): Promise<Set<string>> {
  const actions = new Set<string>();
  const files = (await readdir(provisioner)).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
  );
  for (const file of files) {
    const source = await readFile(new URL(file, provisioner), "utf8");
    for (const [, names = "", module = ""] of source.matchAll(
      /import \{([^}]*)\} from "(@aws-sdk\/client-[a-z0-9-]+)"/g,
    )) {
      const service = SERVICE_OF_MODULE[module] ?? module;
      for (const [, command] of names.matchAll(/\b([A-Z][A-Za-z0-9]+)Command\b/g)) {
        if (source.includes(`new ${command}Command(`)) actions.add(`${service}:${command}`);
      }
      for (const [, operation] of names.matchAll(/\bpaginate([A-Z][A-Za-z0-9]+)\b/g)) {
        if (source.includes(`paginate${operation}(`)) actions.add(`${service}:${operation}`);
      }
      // Waiters poll the Describe call of what they wait for (waitUntilReplicationGroupAvailable).
      for (const [, thing] of names.matchAll(
        /\bwaitUntil(ReplicationGroup|CacheCluster|Snapshot)[A-Z][a-z]+\b/g,
      )) {
        actions.add(`${service}:Describe${thing}s`);
      }
    }
  }
  return actions;
}

async function verdicts(policy: unknown, calls: readonly AwsCall[]): Promise<Map<AwsCall, Verdict>> {
  const out = new Map<AwsCall, Verdict>();
  for (const call of calls) out.set(call, await simulate(policy, call));
  return out;
}

const rows = (results: Map<AwsCall, Verdict>, keep: (call: AwsCall, verdict: Verdict) => boolean) =>
  [...results]
    .filter(([call, verdict]) => keep(call, verdict))
    .map(([call, verdict]) => `${describeCall(call)} → ${verdict}`);

describe("the driver's AWS calls, simulated against its IAM policies", () => {
  let stackPolicy: IamPolicyDocument;
  let docPolicy: IamPolicyDocument;

  beforeAll(async () => {
    vi.resetModules();
    const run = await runProgram({
      "aws:region": REGION,
      "elasticache-driver-kit:assumableRoleArns": JSON.stringify([ASSUMABLE_ROLE]),
    });
    const attached = run.one("aws:iam/rolePolicy:RolePolicy", "driver-identity").inputs as { policy: string };
    stackPolicy = JSON.parse(attached.policy) as IamPolicyDocument;
    docPolicy = await documentedPolicy();
  });

  it("the table has a row for every SDK command the provisioner sends", async () => {
    const sent = await sentActions();
    expect(sent.size).toBeGreaterThan(25);
    const tabled = new Set(DRIVER_AWS_CALLS.map((call) => call.action));
    expect([...sent].filter((action) => !tabled.has(action))).toEqual([]);
  });

  it("the policy the stack attaches allows every call, except discovery (the stack hands the driver its network)", async () => {
    const results = await verdicts(stackPolicy, DRIVER_AWS_CALLS);
    expect(rows(results, (call, verdict) => !call.discoveryOnly && verdict !== "Allowed")).toEqual([]);
    expect(rows(results, (call, verdict) => !!call.discoveryOnly && verdict === "Allowed")).toEqual([]);
  });

  it("the policy docs/elasticache-iam.md prints allows every call but assuming roles it lists none of", async () => {
    const results = await verdicts(docPolicy, DRIVER_AWS_CALLS);
    expect(rows(results, (call, verdict) => !call.assumedRoleOnly && verdict !== "Allowed")).toEqual([]);
    expect(rows(results, (call, verdict) => !!call.assumedRoleOnly && verdict === "Allowed")).toEqual([]);
  });

  it.each([
    ["the stack's", () => stackPolicy],
    ["the documented", () => docPolicy],
  ])("%s policy denies every call it must deny", async (_, policy) => {
    const results = await verdicts(policy(), MUST_DENY);
    expect(rows(results, (_call, verdict) => verdict !== "ImplicitlyDenied")).toEqual([]);
  });

  it("every statement is needed: without it some call in the table is denied", async () => {
    for (const policy of [stackPolicy, docPolicy]) {
      for (const statement of policy.Statement) {
        const without = { ...policy, Statement: policy.Statement.filter((other) => other !== statement) };
        const affected = DRIVER_AWS_CALLS.filter((call) => statement.Action.includes(call.action));
        const denied = rows(await verdicts(without, affected), (_call, verdict) => verdict !== "Allowed");
        expect(denied.length, `statement ${statement.Sid}`).toBeGreaterThan(0);
      }
    }
  });

  it("grants no action the driver does not call", () => {
    const granted = new Set([...stackPolicy.Statement, ...docPolicy.Statement].flatMap((s) => s.Action));
    const tabled = new Set(DRIVER_AWS_CALLS.map((call) => call.action));
    expect([...granted].filter((action) => !tabled.has(action))).toEqual([]);
    expect(
      [...tabled].filter(
        (action) =>
          !Object.values(ELASTICACHE_IAM_ACTIONS)
            .flat()
            .includes(action as never),
      ),
    ).toEqual([]);
  });
});
