export { runConformance } from "./runner.js";
export type { ConformanceOptions, ConformanceTimeouts } from "./options.js";
export type { ConformanceLogger } from "./logger.js";
export { SILENT_LOGGER, STDERR_LOGGER } from "./logger.js";
export type { CheckMeta, Feature, Level, Profile, Source } from "./check.js";
export { LEVELS, PROFILES } from "./check.js";
export { SOURCE_DOCUMENTS, SOURCE_LABELS } from "./sources.js";
export { RESOURCE_TYPES, type ResourceTypeSpec } from "./resource-types.js";
export type { InventoryDiff } from "./inventory.js";
export { listChecks } from "./checks/catalog.js";
export {
  DEFAULT_REDIS_INPUTS,
  DriverTestInputsSchema,
  loadInputs,
  parseInputs,
  type DriverTestInputs,
  type DriverTestInputsIn,
} from "./inputs.js";
export type {
  CheckResult,
  CheckStatus,
  ConformanceReport,
  RedactedConfig,
  StatusCounts,
} from "./report/report-types.js";
export type { ExchangeExcerpt } from "./redact.js";
export type { TeardownOutcome, TeardownResult } from "./resource-registry.js";
export { formatSummary, formatTotals, formatResultLine } from "./report/console-summary.js";
export { toJUnitXml } from "./report/junit-report.js";
export { toHtmlReport } from "./report/html/html-report.js";
export { writeReports, type WrittenReports } from "./report/write-reports.js";
export { parseCliArgs, USAGE, type CliCommand } from "./cli-args.js";
