import { accountCredentials } from "./account-credentials.js";
import type { CheckMeta, CheckSpec, Feature } from "./check.js";
import { listChecks, SEED_CHECKS, V09_CHECKS } from "./checks/catalog.js";
import { ExchangeLog } from "./exchange-log.js";
import { DriverClient } from "./http-client.js";
import { diffInventory, listInventory } from "./inventory.js";
import { connectivityWanted } from "./inputs.js";
import { SILENT_LOGGER, STDERR_LOGGER } from "./logger.js";
import { resolveOptions, type ConformanceOptions, type ResolvedOptions } from "./options.js";
import { buildReport, displayUrl } from "./report/build-report.js";
import { formatResultLine, formatTotals } from "./report/console-summary.js";
import type { ConformanceReport } from "./report/report-types.js";
import { writeReports } from "./report/write-reports.js";
import { ResourceRegistry } from "./resource-registry.js";
import { runCheck, type CheckOutcome } from "./run-check.js";
import { SeedSuite } from "./suites/seed-suite.js";
import type { Suite, SuiteEnv } from "./suites/suite.js";
import { V09Suite } from "./suites/v09-suite.js";

/**
 * Checks the driver at `options.url` against the contract: setup, checks in order, then teardown of
 * every resource the run created (also after failures and interruption). Throws only for invalid
 * options; everything the driver does ends up in the report.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const resolved = await resolveOptions(options);
  const logger = options.quiet ? SILENT_LOGGER : (options.logger ?? STDERR_LOGGER);
  const runSignal = options.signal ?? new AbortController().signal;
  const plan = planChecks(resolved);
  const startedAt = new Date();
  const log = new ExchangeLog();
  const registry = new ResourceRegistry();
  let current: AbortSignal = runSignal;
  const client = new DriverClient({
    baseUrl: resolved.url,
    credentials: resolved.credentials,
    requestTimeoutMs: resolved.requestMs,
    log,
    signal: () => current,
  });
  const env: SuiteEnv = {
    options: resolved,
    client,
    log,
    registry,
    selected: new Set(plan.filter((item) => !item.disabled).map((item) => item.meta.id)),
    signal: () => current,
  };
  const { suite, runners } =
    resolved.profile === "2020"
      ? bindChecks(SEED_CHECKS, new SeedSuite(env))
      : bindChecks(V09_CHECKS, new V09Suite(env));

  logger.info(`Humanitec driver conformance, profile ${resolved.profile}, ${displayUrl(resolved.url)}`);
  const inventoryBefore =
    resolved.inventory === undefined ? undefined : await listInventory(resolved.inventory, INVENTORY_MS);
  const checks: { meta: CheckMeta; outcome: CheckOutcome }[] = [];
  for (const { meta, disabled } of plan) {
    const skipReason = disabled ? undefined : unavailable(meta.features, resolved);
    let outcome: CheckOutcome;
    if (disabled) {
      outcome = notRun("disabled", "turned off with --disable");
    } else if (runSignal.aborted) {
      outcome = notRun("skip", "the run was interrupted");
    } else if (skipReason) {
      outcome = notRun("skip", skipReason);
    } else {
      log.setCurrent(meta.id);
      const run = runners.get(meta.id);
      if (!run) throw new Error(`no implementation for check ${meta.id}`);
      outcome = await runCheck(run, {
        runSignal,
        timeoutMs: resolved.checkMs,
        onSignal: (signal) => (current = signal),
      });
    }
    checks.push({ meta, outcome });
    logger.info(formatResultLine({ ...meta, ...outcome, exchanges: [], omittedExchanges: 0, evidence: [] }));
  }

  log.setCurrent("teardown");
  const pending = registry.pending();
  if (pending.length > 0) logger.info(`Teardown: deleting ${pending.length} resource(s)`);
  // Teardown runs even after an interruption, with a bound of its own.
  current = AbortSignal.timeout(resolved.operationMs + 2 * resolved.requestMs);
  const teardown = suite.finishTeardown(await registry.teardown());
  const inventory =
    resolved.inventory === undefined || inventoryBefore === undefined
      ? undefined
      : diffInventory(
          resolved.inventory,
          inventoryBefore,
          await listInventory(resolved.inventory, INVENTORY_MS),
        );

  const report = buildReport({
    options: resolved,
    startedAt,
    finishedAt: new Date(),
    checks,
    exchanges: log.all(),
    sensitive: suite.sensitive(),
    teardown,
    ...(inventory === undefined ? {} : { inventory }),
    interrupted: runSignal.aborted,
  });
  if (resolved.reportDir) {
    const written = await writeReports(report, resolved.reportDir);
    logger.info(`Reports: ${written.resultsJson}, ${written.junitXml}, ${written.html}`);
  }
  logger.info(formatTotals(report));
  return report;
}

/** Bound on one run of the user's inventory command. */
const INVENTORY_MS = 120_000;

interface PlannedCheck {
  readonly meta: CheckMeta;
  readonly disabled: boolean;
}

/** Each check's `run` bound to the profile's suite, by id. */
function bindChecks<S extends Suite>(checks: readonly CheckSpec<S>[], suite: S) {
  return { suite, runners: new Map(checks.map((check) => [check.id, () => check.run(suite)] as const)) };
}

/** The profile's checks after filter and disable; unknown ids and empty selections are errors. */
function planChecks(options: ResolvedOptions): PlannedCheck[] {
  const all = listChecks(options.profile);
  const ids = new Set(all.map((check) => check.id));
  const unknown = [...options.disable].filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new Error(`invalid conformance options: unknown check id(s) to disable: ${unknown.join(", ")}`);
  }
  const selected = all.filter(
    (check) => options.filter.length === 0 || options.filter.some((prefix) => check.id.startsWith(prefix)),
  );
  if (selected.length === 0) {
    throw new Error(
      `invalid conformance options: no ${options.profile} check id starts with ${options.filter.join(", ")}`,
    );
  }
  return selected.map((meta) => ({ meta, disabled: options.disable.has(meta.id) }));
}

/** Why a feature the check needs is not offered by this run, if it is not. */
function unavailable(features: readonly Feature[], options: ResolvedOptions): string | undefined {
  for (const feature of features) {
    if (feature === "auth" && options.credentials === undefined) {
      return "no credentials given (--token or --jwt-key): cannot tell whether the driver requires them";
    }
    if (feature === "update" && options.inputs.update === undefined)
      return "the inputs have no `update` change";
    if (feature === "conflict" && options.inputs.conflict === undefined)
      return "the inputs have no `conflict` change";
    if (feature === "account" && accountCredentials(options.inputs, options.profile).length === 0) {
      return "the inputs give no driver.secrets.account credentials to look for";
    }
    if (feature === "connectivity" && !connectivityWanted(options.inputs)) {
      return `connectivity is off for resource type ${options.inputs.type} (set "connectivity": true in the inputs)`;
    }
  }
  return undefined;
}

function notRun(status: "skip" | "disabled", message: string): CheckOutcome {
  return { status, message, evidence: [], startedAt: new Date().toISOString(), durationMs: 0 };
}
