import { PROFILES, type Profile } from "./check.js";
import {
  DEFAULT_REDIS_INPUTS,
  loadInputs,
  parseInputs,
  type DriverTestInputs,
  type DriverTestInputsIn,
} from "./inputs.js";
import type { ConformanceLogger } from "./logger.js";
import { bearerToken, operatorJwt, type Credentials, type OperatorJwtOptions } from "./credentials.js";

/**
 * The 2020 profile is synchronous: a POST answers when the resource exists. Its default bound leaves
 * room for a driver's own bounded wait (this project's waits 20 s) instead of failing every create.
 */
export const SEED_REQUEST_MS = 60_000;

export interface ConformanceTimeouts {
  /**
   * Bound on every single response (RESP-BOUNDED-TIME); requests are abandoned after it. Default
   * 3 000 ms for v0.9; 60 000 ms for the synchronous 2020 profile, whose create answers when done.
   */
  readonly requestMs?: number;
  /** Answers slower than this fail the optional RESP-FAST check (v0.9). Default 1 000 ms. */
  readonly fastMs?: number;
  /** How long one create, update or delete may stay in progress while polled. Default 120 000 ms. */
  readonly operationMs?: number;
  /** Pause between two polls of the same request. Default 2 000 ms. */
  readonly pollIntervalMs?: number;
  /** Guard on one whole check; past it the check is an error. Default 2 × operationMs + 60 000 ms. */
  readonly checkMs?: number;
}

export interface ConformanceOptions {
  /** The driver URL: the `target` prefix for v0.9 (`{url}{GUResID}`), the prefix serving `POST /` for 2020. A trailing slash is optional. */
  readonly url: string;
  /** Bearer token sent on every request; AUTH-401 is skipped without it and without `operatorJwt`. */
  readonly token?: string;
  /** Instead of a token: sign Operator-style JWTs (RS256, `kid`, `orgID`) for every request. */
  readonly operatorJwt?: OperatorJwtOptions;
  /** Contract generation to check. Default `v0.9`. */
  readonly profile?: Profile;
  /** Driver inputs for the test resources, as an object or the path of a JSON file. Default: this project's redis inputs. */
  readonly inputs?: DriverTestInputsIn | string;
  /** Run only checks whose id starts with one of these prefixes (case-insensitive). */
  readonly filter?: string | readonly string[];
  /** Check ids to report as `disabled` without running them. */
  readonly disable?: readonly string[];
  /** Where to write `results.json`, `junit.xml` and `report.html`; nothing is written when absent. */
  readonly reportDir?: string;
  readonly timeouts?: ConformanceTimeouts;
  /** Identical requests sent at once by PUT-CONCURRENT-ONE / SEED-POST-CONCURRENT-ONE. Default 4. */
  readonly concurrency?: number;
  /** Receives one line per finished check and the summary. Default: stderr, unless `quiet`. */
  readonly logger?: ConformanceLogger;
  /** No progress output at all. */
  readonly quiet?: boolean;
  /** Aborting stops the checks; teardown still runs, bounded by `timeouts.operationMs`. */
  readonly signal?: AbortSignal;
  /** PEM of a CA the connection checks also trust when the outputs name none (caches with a private CA). */
  readonly trustedCa?: string;
  /** Recommendations decide the verdict too: the driver conforms only when they pass as well. */
  readonly strict?: boolean;
  /**
   * A shell command listing the backend's resources, one per line (e.g. `aws s3 ls`); run before the
   * checks and after teardown, and the difference reported.
   */
  readonly inventory?: string;
}

export interface ResolvedOptions {
  readonly url: string;
  /** What every request sends as its bearer, when the run was given a token or a JWT key. */
  readonly credentials: Credentials | undefined;
  readonly profile: Profile;
  readonly inputs: DriverTestInputs;
  readonly inputsSource: string;
  readonly filter: readonly string[];
  readonly disable: ReadonlySet<string>;
  readonly reportDir: string | undefined;
  readonly requestMs: number;
  readonly fastMs: number;
  readonly operationMs: number;
  readonly pollIntervalMs: number;
  readonly checkMs: number;
  readonly concurrency: number;
  readonly trustedCa: string | undefined;
  readonly strict: boolean;
  readonly inventory: string | undefined;
}

/** Validates options and applies defaults, listing every problem at once. */
export async function resolveOptions(options: ConformanceOptions): Promise<ResolvedOptions> {
  const problems: string[] = [];
  let url = options.url;
  try {
    const parsed = new URL(options.url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      problems.push(`url must be http(s): ${options.url}`);
    if (parsed.search || parsed.hash) problems.push(`url must not carry a query or fragment: ${options.url}`);
    url = parsed.href.replace(/\/+$/, "");
  } catch {
    problems.push(`url is not a URL: ${JSON.stringify(options.url)}`);
  }
  const profile = options.profile ?? "v0.9";
  if (!PROFILES.includes(profile))
    problems.push(`profile must be one of ${PROFILES.join(", ")}, got ${profile}`);
  const timeouts = options.timeouts ?? {};
  const requestMs = positive(
    "timeouts.requestMs",
    timeouts.requestMs ?? (profile === "2020" ? SEED_REQUEST_MS : 3_000),
    problems,
  );
  const fastMs = positive("timeouts.fastMs", timeouts.fastMs ?? 1_000, problems);
  const operationMs = positive("timeouts.operationMs", timeouts.operationMs ?? 120_000, problems);
  const pollIntervalMs = positive("timeouts.pollIntervalMs", timeouts.pollIntervalMs ?? 2_000, problems);
  const checkMs = positive("timeouts.checkMs", timeouts.checkMs ?? 2 * operationMs + 60_000, problems);
  const concurrency = positive("concurrency", options.concurrency ?? 4, problems);
  if (concurrency < 2) problems.push("concurrency must be at least 2");
  if (options.token === "") problems.push("token must not be empty");
  let credentials: Credentials | undefined = options.token ? bearerToken(options.token) : undefined;
  if (options.operatorJwt !== undefined) {
    if (options.token !== undefined) problems.push("give token or operatorJwt, not both");
    if (options.operatorJwt.kid.trim() === "") problems.push("operatorJwt.kid must not be empty");
    if (options.operatorJwt.org.trim() === "") problems.push("operatorJwt.org must not be empty");
    try {
      credentials = operatorJwt(options.operatorJwt);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }

  let inputs: DriverTestInputs = DEFAULT_REDIS_INPUTS;
  let inputsSource = "built-in redis inputs";
  try {
    if (typeof options.inputs === "string") {
      inputs = await loadInputs(options.inputs);
      inputsSource = options.inputs;
    } else if (options.inputs !== undefined) {
      inputs = parseInputs(options.inputs);
      inputsSource = "inputs object";
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (options.inventory !== undefined && options.inventory.trim() === "")
    problems.push("inventory must be a command, not empty");
  if (problems.length > 0) throw new Error(`invalid conformance options: ${problems.join("; ")}`);

  const filter = typeof options.filter === "string" ? [options.filter] : (options.filter ?? []);
  return Object.freeze({
    url,
    credentials,
    profile,
    inputs,
    inputsSource,
    filter: filter.map((prefix) => prefix.trim().toUpperCase()).filter((prefix) => prefix !== ""),
    disable: new Set((options.disable ?? []).map((id) => id.trim().toUpperCase())),
    reportDir: options.reportDir,
    requestMs,
    fastMs,
    operationMs,
    pollIntervalMs,
    checkMs,
    concurrency,
    trustedCa: options.trustedCa,
    strict: options.strict ?? false,
    inventory: options.inventory,
  });
}

function positive(name: string, value: number, problems: string[]): number {
  if (!Number.isFinite(value) || value <= 0) problems.push(`${name} must be a positive number, got ${value}`);
  return value;
}
