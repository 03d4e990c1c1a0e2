import { UsageError } from "../cli/user-error.js";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** The region: the flag, else what a state file recorded, else `AWS_REGION`, else `AWS_DEFAULT_REGION`. */
export function regionFrom(
  flag: string | undefined,
  recorded: string | undefined,
  env: NodeJS.ProcessEnv,
): string {
  const [source, region] =
    flag !== undefined
      ? ["--region", flag]
      : recorded !== undefined
        ? ["the state of `up --cloud`", recorded]
        : env.AWS_REGION
          ? ["AWS_REGION", env.AWS_REGION]
          : env.AWS_DEFAULT_REGION
            ? ["AWS_DEFAULT_REGION", env.AWS_DEFAULT_REGION]
            : [undefined, undefined];
  if (source === undefined || region === undefined) {
    throw new UsageError(
      "--region",
      "not given, and AWS_REGION is not set",
      "pass --region us-east-1 or export AWS_REGION=us-east-1",
    );
  }
  if (!REGION.test(region)) {
    throw new UsageError(
      source,
      `${JSON.stringify(region)} is not an AWS region`,
      "use a region code such as us-east-1",
    );
  }
  return region;
}
