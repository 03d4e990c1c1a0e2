import { REPO_ROOT } from "@elasticache-driver-kit/e2e";
import { parseDuration } from "../cli/duration.js";
import { matchFlag, requireWith, stackFlags } from "../cli/flag-rules.js";
import { onInterrupt } from "../cli/interruption.js";
import { parseCliArgs } from "../cli/parse-cli-args.js";
import type { CliIo } from "../cli/run-cli.js";
import { UsageError } from "../cli/user-error.js";
import type { CloudSettings } from "../cloud/cloud-context.js";
import { HUMANITEC_ID } from "../humanitec/humanitec-id.js";
import { emulatedDeployment } from "./emulated-deployment.js";
import { UP_USAGE } from "./up-usage.js";

const OPTIONS = {
  once: { type: "boolean" },
  "emulated-cloud": { type: "boolean" },
  deployment: { type: "string" },
  cloud: { type: "boolean" },
  stack: { type: "string" },
  region: { type: "string" },
  namespace: { type: "string" },
  "certificate-arn": { type: "string" },
  "driver-hostname": { type: "string" },
  platform: { type: "string" },
  "cache-timeout": { type: "string" },
  "driver-id": { type: "string" },
  "definition-id": { type: "string" },
  "env-type": { type: "string" },
  fresh: { type: "boolean" },
} as const;

const CLOUD_ONLY = [
  "stack",
  "region",
  "namespace",
  "certificate-arn",
  "driver-hostname",
  "platform",
  "cache-timeout",
  "driver-id",
  "definition-id",
  "env-type",
  "fresh",
];

/** `npm run up`: parses the flags, then runs the chosen mode. */
export async function upCommand(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const { values, help } = parseCliArgs(argv, OPTIONS, "npm run up --");
  if (help) {
    io.out(UP_USAGE);
    return 0;
  }
  const cloud = values.cloud === true;
  if (cloud && values["emulated-cloud"]) {
    throw new UsageError("--cloud", "and --emulated-cloud exclude each other", "choose one mode");
  }
  if (cloud && values.once) {
    throw new UsageError(
      "--once",
      "does not apply to --cloud (it exits once the deployment is checked; `npm run down` removes it)",
      "leave --once out",
    );
  }
  requireWith(values, CLOUD_ONLY, "--cloud", cloud);
  requireWith(values, ["deployment"], "--emulated-cloud", values["emulated-cloud"] === true);
  const deployment = emulatedDeployment(values.deployment);
  if (!cloud) {
    using interruption = onInterrupt(io.err);
    const { localUp } = await import("./local-up.js");
    return await localUp({
      once: values.once === true,
      emulatedCloud: values["emulated-cloud"] === true,
      ...(deployment ? { deployment } : {}),
      interrupt: interruption.signal,
      write: io.out,
      ...(env.LOCAL_RUNTIME ? { localRuntime: env.LOCAL_RUNTIME } : {}),
    });
  }
  const settings = cloudSettings(values);
  // Loaded only here: the AWS SDK and Pulumi take seconds to load, which the local modes never need.
  const [{ cloudUp }, { productionCloudDeps, productionPreflightDeps }] = await Promise.all([
    import("../cloud/cloud-up.js"),
    import("../cloud/production-cloud-deps.js"),
  ]);
  using interruption = onInterrupt(io.err);
  return await cloudUp(
    settings,
    { region: values.region, fresh: values.fresh === true, env, write: io.out, signal: interruption.signal },
    productionPreflightDeps(),
    (preflight) => productionCloudDeps(settings, preflight, REPO_ROOT),
  );
}

type Values = ReturnType<typeof parseCliArgs<typeof OPTIONS>>["values"];

function cloudSettings(values: Values): CloudSettings {
  const certificateArn = matchFlag(
    "--certificate-arn",
    values["certificate-arn"],
    /^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[A-Za-z0-9-]+$/,
    "an ACM certificate ARN",
    "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-...",
  );
  const driverHostname = matchFlag(
    "--driver-hostname",
    values["driver-hostname"],
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
    "a DNS host name",
    "cache-driver.example.com",
  );
  if ((certificateArn === undefined) !== (driverHostname === undefined)) {
    const [missing, given] =
      certificateArn === undefined
        ? ["--certificate-arn", "--driver-hostname"]
        : ["--driver-hostname", "--certificate-arn"];
    throw new UsageError(missing, `missing: ${given} needs it (HTTPS needs both)`, `pass both, or neither`);
  }
  return {
    ...stackFlags(values),
    certificateArn,
    driverHostname,
    platform: matchFlag(
      "--platform",
      values.platform,
      /^linux\/(amd64|arm64)$/,
      "linux/amd64 or linux/arm64",
      "linux/arm64",
    ),
    cacheTimeoutMs: values["cache-timeout"]
      ? parseDuration(values["cache-timeout"], "--cache-timeout")
      : 45 * 60_000,
    readyTimeoutMs: 10 * 60_000,
    pollIntervalMs: 10_000,
    driverId:
      matchFlag(
        "--driver-id",
        values["driver-id"],
        HUMANITEC_ID,
        "a Humanitec id",
        "elasticache-driver-kit",
      ) ?? "elasticache-driver-kit",
    definitionId:
      matchFlag(
        "--definition-id",
        values["definition-id"],
        HUMANITEC_ID,
        "a Humanitec id",
        "elasticache-redis",
      ) ?? "elasticache-redis",
    envType:
      matchFlag(
        "--env-type",
        values["env-type"],
        HUMANITEC_ID,
        "a Humanitec environment type id",
        "development",
      ) ?? "development",
  };
}
