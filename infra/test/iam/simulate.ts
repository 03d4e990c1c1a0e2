import { runSimulation } from "@cloud-copilot/iam-simulate";
import { ACCOUNT, type AwsCall } from "./driver-aws-calls.js";

export type Verdict = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | `error: ${string}`;

/** The condition keys AWS sets for one call: the object's tags, the request's tags and their keys. */
export function contextOf(call: AwsCall): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(call.resourceTags ?? {}))
    context[`aws:ResourceTag/${key}`] = value;
  if (call.requestTags) {
    for (const [key, value] of Object.entries(call.requestTags)) context[`aws:RequestTag/${key}`] = value;
    context["aws:TagKeys"] = Object.keys(call.requestTags);
  }
  for (const [key, value] of Object.entries(call.context ?? {}))
    context[key] = typeof value === "string" ? value : [...value];
  return context;
}

/** The account an ARN names (IAM and S3 style ARNs too); the caller's own for `*`. */
const accountOf = (arn: string) => (arn === "*" ? ACCOUNT : arn.split(":")[4] || ACCOUNT);

/**
 * Evaluates one call of the driver's role against an identity policy with the IAM policy simulator
 * (built on AWS's published service authorization data): an action unknown to AWS, or an object
 * type the action does not take, is an error rather than a verdict.
 */
export async function simulate(policy: unknown, call: AwsCall): Promise<Verdict> {
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:role/elasticache-driver`,
        action: call.action,
        resource: { resource: call.resource, accountId: accountOf(call.resource) },
        contextVariables: contextOf(call),
      },
      identityPolicies: [{ name: "driver", policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    { simulationMode: "Strict" },
  );
  if (result.resultType === "error") return `error: ${result.errors.message}`;
  return result.overallResult as Verdict;
}

export const describeCall = (call: AwsCall) =>
  `${call.deployment} / ${call.step}: ${call.action} on ${call.resource}`;
