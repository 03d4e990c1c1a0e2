import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { awsUserError } from "../aws/aws-user-error.js";
import { UserError } from "../cli/user-error.js";
import { AWS_REGION_CODE, findRegion } from "../teardown/region-from.js";
import type { Outcome } from "./check-outcome.js";

/** The region: `--region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`; named by where it came from. */
export function checkRegion(flag: string | undefined, env: NodeJS.ProcessEnv): Outcome<string> {
  const found = findRegion(flag, undefined, env);
  if (found === undefined) {
    return {
      ok: false,
      problems: [
        new UserError("AWS region", "not set", "pass --region us-east-1 or export AWS_REGION=us-east-1"),
      ],
    };
  }
  const { source, region } = found;
  if (!AWS_REGION_CODE.test(region)) {
    return {
      ok: false,
      problems: [
        new UserError(
          source,
          `${JSON.stringify(region)} is not an AWS region`,
          "use a region code such as us-east-1 or eu-central-1",
        ),
      ],
    };
  }
  return { ok: true, detail: `${region} (from ${source})`, value: region };
}

/** Who the credentials are, from STS; a credential problem says how to fix the credentials. */
export async function checkIdentity(
  region: string,
  sts: (region: string) => STSClient,
): Promise<Outcome<{ account: string; arn: string }>> {
  try {
    const answer = await sts(region).send(new GetCallerIdentityCommand({}));
    const account = answer.Account ?? "unknown account";
    const arn = answer.Arn ?? "unknown identity";
    return { ok: true, detail: `${arn} (account ${account})`, value: { account, arn } };
  } catch (error) {
    const known = awsUserError(error, "sts:GetCallerIdentity");
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [
        known ??
          new UserError(
            "AWS identity",
            `STS GetCallerIdentity failed: ${message}`,
            "check the network and the credentials (`aws sts get-caller-identity` shows the same)",
          ),
      ],
    };
  }
}
