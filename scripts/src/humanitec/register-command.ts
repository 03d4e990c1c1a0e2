import { matchFlag } from "../cli/flag-rules.js";
import { parseCliArgs } from "../cli/parse-cli-args.js";
import type { CliIo } from "../cli/run-cli.js";
import { UserError } from "../cli/user-error.js";
import { HUMANITEC_ID } from "./humanitec-id.js";
import { DEFAULT_HUMANITEC_API_URL, HumanitecApi } from "./humanitec-api.js";
import { buildRegistration, formatRegistration } from "./registration.js";

export const REGISTER_USAGE = `Usage: npm run register -- --driver-url URL [--org ORG] [--apply] [...]

Builds Humanitec's driver definition for this driver (its inputs_schema generated from the driver's
own input schema; its target the driver URL with the secret path segment DRIVER_AUTH_PATH_SECRET)
and a resource definition of type redis that uses it. Prints both as JSON and changes nothing
unless --apply: then each is created, or updated when it exists.

Flags
  --driver-url URL       the driver's public HTTPS address; the target is URL/<DRIVER_AUTH_PATH_SECRET>/
  --target URL           the whole target instead (nothing is added to it)
  --org ORG              Humanitec organisation id (default: HUMANITEC_ORG)
  --driver-id ID         driver definition id (default: elasticache-driver-kit)
  --definition-id ID     resource definition id (default: elasticache-redis)
  --env-type T           environment type the resource definition matches (default: development)
  --driver-account ID    Humanitec cloud account whose credentials the driver gets (default: none;
                         the driver uses its own)
  --values JSON          driver.values of the resource definition, e.g. '{"deployment":"serverless"}'
  --show-secrets         print the secret path segment instead of <DRIVER_AUTH_PATH_SECRET>
  --apply                create or update both in Humanitec (needs HUMANITEC_TOKEN)
  -h, --help             this text

Environment
  DRIVER_AUTH_PATH_SECRET   the secret segment the driver checks (never a flag: flags end up in
                            shell history)
  HUMANITEC_TOKEN           API token, for --apply
  HUMANITEC_ORG             organisation id, when --org is not given
  HUMANITEC_API_URL         default ${DEFAULT_HUMANITEC_API_URL}`;

const OPTIONS = {
  "driver-url": { type: "string" },
  target: { type: "string" },
  org: { type: "string" },
  "driver-id": { type: "string" },
  "definition-id": { type: "string" },
  "env-type": { type: "string" },
  "driver-account": { type: "string" },
  values: { type: "string" },
  "show-secrets": { type: "boolean" },
  apply: { type: "boolean" },
} as const;

/** `npm run register`. */
export async function registerCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const { values, help } = parseCliArgs(argv, OPTIONS, "npm run register --");
  if (help) {
    io.out(REGISTER_USAGE);
    return 0;
  }
  const org = values.org ?? (env.HUMANITEC_ORG || undefined);
  if (org === undefined) {
    throw new UserError(
      "HUMANITEC_ORG",
      "not set",
      "export HUMANITEC_ORG=<your organisation id> or pass --org",
    );
  }
  const id = (flag: string, value: string | undefined, fallback: string) =>
    matchFlag(flag, value, HUMANITEC_ID, "a Humanitec id (lowercase letters, digits, hyphens)", fallback) ??
    fallback;
  const registration = buildRegistration({
    org: id("--org", org, "my-org"),
    driverId: id("--driver-id", values["driver-id"], "elasticache-driver-kit"),
    definitionId: id("--definition-id", values["definition-id"], "elasticache-redis"),
    envType: id("--env-type", values["env-type"], "development"),
    driverAccount:
      values["driver-account"] === undefined
        ? undefined
        : id("--driver-account", values["driver-account"], "aws-dev"),
    driverUrl: values["driver-url"],
    target: values.target,
    pathSecret: env.DRIVER_AUTH_PATH_SECRET || undefined,
    valuesJson: values.values,
  });
  io.out(formatRegistration(registration, values["show-secrets"] === true));
  if (!values.apply) {
    io.err(`register: nothing was changed; add --apply to create or update both in ${org}.`);
    return 0;
  }
  const token = env.HUMANITEC_TOKEN || undefined;
  if (token === undefined) {
    throw new UserError(
      "HUMANITEC_TOKEN",
      "not set (--apply needs it)",
      "export HUMANITEC_TOKEN=<an API token of your organisation>",
    );
  }
  const api = new HumanitecApi({ baseUrl: env.HUMANITEC_API_URL || undefined, token, org });
  const driver = await api.upsertDriver(registration.driver);
  io.err(`register: driver definition ${registration.driver.id}: ${driver}`);
  const resource = await api.upsertResourceDefinition(registration.resource);
  io.err(`register: resource definition ${registration.resource.id}: ${resource}`);
  return 0;
}
