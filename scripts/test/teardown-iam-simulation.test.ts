import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { describe, expect, it } from "vitest";
import { teardownIamPolicy } from "../src/teardown/teardown-iam-policy.js";
import { ACCOUNT, TEARDOWN_CALLS, TEARDOWN_MUST_DENY, type TeardownCall } from "./iam/teardown-aws-calls.js";
import { REPO } from "./run-kit.js";

/** One call of the teardown's identity, evaluated by the IAM policy simulator on AWS's published data. */
async function verdict(policy: unknown, call: TeardownCall): Promise<string> {
  const contextVariables = Object.fromEntries(
    Object.entries(call.resourceTags ?? {}).map(([key, value]) => [`aws:ResourceTag/${key}`, value]),
  );
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:role/kit-teardown`,
        action: call.action,
        resource: { resource: call.resource, accountId: ACCOUNT },
        contextVariables,
      },
      identityPolicies: [{ name: "teardown", policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    { simulationMode: "Strict" },
  );
  return result.resultType === "error" ? `error: ${result.errors.message}` : result.overallResult;
}

const describeCall = (call: TeardownCall) => `${call.step}: ${call.action} on ${call.resource}`;

const SERVICE_OF_MODULE: Record<string, string> = {
  "@aws-sdk/client-elasticache": "elasticache",
  "@aws-sdk/client-ec2": "ec2",
  "@aws-sdk/client-elastic-load-balancing-v2": "elasticloadbalancing",
};

/** Every AWS action the teardown's code sends: the commands it constructs and the paginators it runs. */
async function sentActions(): Promise<Set<string>> {
  const folder = path.join(REPO, "scripts/src/teardown");
  const actions = new Set<string>();
  for (const file of (await readdir(folder)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    const source = await readFile(path.join(folder, file), "utf8");
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
    }
  }
  return actions;
}

describe("the teardown's AWS calls, simulated against the policy docs/cloud-bootstrap-aws.md prints", () => {
  it("prints the policy teardownIamPolicy() builds", async () => {
    const doc = await readFile(path.join(REPO, "docs/cloud-bootstrap-aws.md"), "utf8");
    const json = /## A role that may only take down[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(JSON.parse(json ?? "null")).toEqual(teardownIamPolicy());
  });

  it("has a row for every SDK command and paginator the teardown sends", async () => {
    const sent = await sentActions();
    expect(sent.size).toBeGreaterThan(15);
    const tabled = new Set(TEARDOWN_CALLS.map((call) => call.action));
    expect([...sent].filter((action) => !tabled.has(action))).toEqual([]);
  });

  it("allows every call of the table", async () => {
    const refused: string[] = [];
    for (const call of TEARDOWN_CALLS) {
      const result = await verdict(teardownIamPolicy(), call);
      if (result !== "Allowed") refused.push(`${describeCall(call)} → ${result}`);
    }
    expect(refused).toEqual([]);
  });

  it("denies what the teardown must never do", async () => {
    const allowed: string[] = [];
    for (const call of TEARDOWN_MUST_DENY) {
      const result = await verdict(teardownIamPolicy(), call);
      if (result !== "ImplicitlyDenied") allowed.push(`${call.why ?? ""}: ${describeCall(call)} → ${result}`);
    }
    expect(allowed).toEqual([]);
  });

  it("needs every statement: without it some call of the table is refused", async () => {
    const policy = teardownIamPolicy();
    for (const statement of policy.Statement) {
      const without = { ...policy, Statement: policy.Statement.filter((other) => other !== statement) };
      const affected = TEARDOWN_CALLS.filter((call) => statement.Action.includes(call.action));
      const refused = [];
      for (const call of affected) if ((await verdict(without, call)) !== "Allowed") refused.push(call);
      expect(refused.length, statement.Sid).toBeGreaterThan(0);
    }
  });
});
