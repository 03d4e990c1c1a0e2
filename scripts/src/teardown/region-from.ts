import { UsageError } from "../cli/user-error.js";

/** An AWS region code such as us-east-1. */
export const AWS_REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * Where the region comes from, first that is set: the flag, what a state file recorded, then
 * `AWS_REGION`, then `AWS_DEFAULT_REGION`. Undefined when none is; the value is not checked here.
 */
export function findRegion(
  flag: string | undefined,
  recorded: string | undefined,
  env: NodeJS.ProcessEnv,
): { source: string; region: string } | undefined {
  if (flag !== undefined) return { source: "--region", region: flag };
  if (recorded !== undefined) return { source: "the state of `up --cloud`", region: recorded };
  if (env.AWS_REGION) return { source: "AWS_REGION", region: env.AWS_REGION };
  if (env.AWS_DEFAULT_REGION) return { source: "AWS_DEFAULT_REGION", region: env.AWS_DEFAULT_REGION };
  return undefined;
}

/** The region of `down` and `janitor` (see findRegion), checked; a usage error names what is wrong. */
export function regionFrom(
  flag: string | undefined,
  recorded: string | undefined,
  env: NodeJS.ProcessEnv,
): string {
  const found = findRegion(flag, recorded, env);
  if (found === undefined) {
    throw new UsageError(
      "--region",
      "not given, and AWS_REGION is not set",
      "pass --region us-east-1 or export AWS_REGION=us-east-1",
    );
  }
  if (!AWS_REGION_CODE.test(found.region)) {
    throw new UsageError(
      found.source,
      `${JSON.stringify(found.region)} is not an AWS region`,
      "use a region code such as us-east-1",
    );
  }
  return found.region;
}
