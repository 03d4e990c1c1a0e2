import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { PROFILES, type Profile } from "./check.js";
import type { ConformanceOptions } from "./options.js";

export const USAGE = `Usage: driver-conformance --url URL [options]

Checks a Humanitec resource driver against the contract, clause by clause.

Options:
  --url URL               driver URL: the registered target (v0.9) or the 2020 prefix; trailing slash optional
  --token T               bearer token for every request (or env CONFORMANCE_TOKEN); enables AUTH-401
  --jwt-key FILE          instead of a token: sign Humanitec Operator JWTs (RS256) with this RSA
                          private key (PEM); needs --jwt-kid and --org; enables AUTH-401
  --jwt-kid KID           the key id the driver knows the key's public half by (DRIVER_AUTH_JWT_KEYS)
  --org ORG               the organisation the tokens name (orgID; the driver's DRIVER_AUTH_JWT_ORG)
  --profile P             v0.9 (default) or 2020
  --inputs FILE           JSON file with the driver inputs for the test resources (see README.md);
                          default: inputs for this project's redis driver
  --filter PREFIX,...     run only checks whose id starts with one of these prefixes
  --disable ID,...        report these checks as disabled without running them
  --report-dir DIR        where results.json, junit.xml and report.html go (default .reports/conformance)
  --timeout S             seconds a create, update or delete may stay in progress (default 120)
  --request-timeout S     seconds every single response must come within (default 3; 2020: 60)
  --fast-bound S          seconds an answer should come within for the recommendation RESP-FAST (default 1)
  --poll-interval S       seconds between two polls of the same request (default 2)
  --concurrency N         identical requests sent at once by the concurrency checks (default 4)
  --ca FILE               a CA (PEM) the connection checks trust when the outputs name none
  --strict                recommendations decide the verdict too, not only the contract's clauses
  --inventory CMD         shell command listing your backend's resources, one per line; run before
                          the checks and after teardown, and what is new afterwards reported
  --list                  list the checks of the profile and exit
  --quiet                 print nothing but the summary
  -h, --help              show this help

Exit code: 0 when the driver conforms (no contract check fails or errors; with --strict, no
recommendation either), 1 otherwise, 2 on invalid options, 130 when interrupted (teardown still
runs on the first Ctrl-C).
`;

export type CliCommand =
  | { readonly kind: "help" }
  | { readonly kind: "list"; readonly profile: Profile }
  | { readonly kind: "run"; readonly options: ConformanceOptions };

/** Parses the command line; throws with a message naming every problem. */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: "string" },
      token: { type: "string" },
      "jwt-key": { type: "string" },
      "jwt-kid": { type: "string" },
      org: { type: "string" },
      profile: { type: "string" },
      inputs: { type: "string" },
      filter: { type: "string", multiple: true },
      disable: { type: "string", multiple: true },
      "report-dir": { type: "string" },
      ca: { type: "string" },
      timeout: { type: "string" },
      "request-timeout": { type: "string" },
      "fast-bound": { type: "string" },
      "poll-interval": { type: "string" },
      concurrency: { type: "string" },
      strict: { type: "boolean" },
      inventory: { type: "string" },
      list: { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { kind: "help" };

  const problems: string[] = [];
  const profile = (values.profile ?? "v0.9") as Profile;
  if (!PROFILES.includes(profile)) problems.push(`--profile must be one of ${PROFILES.join(", ")}`);
  if (values.list) {
    if (problems.length > 0) throw new Error(problems.join("; "));
    return { kind: "list", profile };
  }
  if (!values.url) problems.push("--url is required");
  const seconds = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0)
      problems.push(`${flag} must be a positive number of seconds`);
    return parsed * 1000;
  };
  const operationMs = seconds("--timeout", values.timeout);
  const requestMs = seconds("--request-timeout", values["request-timeout"]);
  const fastMs = seconds("--fast-bound", values["fast-bound"]);
  const pollIntervalMs = seconds("--poll-interval", values["poll-interval"]);
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 2)
      problems.push("--concurrency must be an integer of at least 2");
  }
  const token = values.token ?? env.CONFORMANCE_TOKEN;
  const jwtKey = values["jwt-key"];
  let operatorJwt: ConformanceOptions["operatorJwt"];
  if (jwtKey === undefined) {
    if (values["jwt-kid"] !== undefined || values.org !== undefined)
      problems.push("--jwt-kid and --org go with --jwt-key");
  } else {
    if (values.token !== undefined) problems.push("--token and --jwt-key exclude each other: give one");
    if (!values["jwt-kid"])
      problems.push("--jwt-key needs --jwt-kid, the key id the driver knows the key by");
    if (!values.org) problems.push("--jwt-key needs --org, the organisation the tokens name");
    let privateKey = "";
    try {
      privateKey = readFileSync(jwtKey, "utf8");
    } catch (error) {
      problems.push(`--jwt-key: cannot read ${jwtKey} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    operatorJwt = { privateKey, kid: values["jwt-kid"] ?? "", org: values.org ?? "" };
  }
  if (problems.length > 0) throw new Error(problems.join("; "));

  return {
    kind: "run",
    options: {
      url: values.url as string,
      profile,
      ...(operatorJwt ? { operatorJwt } : token ? { token } : {}),
      ...(values.inputs === undefined ? {} : { inputs: values.inputs }),
      filter: splitList(values.filter),
      disable: splitList(values.disable),
      reportDir: values["report-dir"] ?? ".reports/conformance",
      timeouts: {
        ...(operationMs === undefined ? {} : { operationMs }),
        ...(requestMs === undefined ? {} : { requestMs }),
        ...(fastMs === undefined ? {} : { fastMs }),
        ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
      },
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(values.quiet ? { quiet: true } : {}),
      ...(values.strict ? { strict: true } : {}),
      ...(values.inventory === undefined ? {} : { inventory: values.inventory }),
      ...(values.ca === undefined ? {} : { trustedCa: readFileSync(values.ca, "utf8") }),
    },
  };
}

function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(","))
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
