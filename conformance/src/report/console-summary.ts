import type { ConformanceReport, CheckResult, StatusCounts } from "./report-types.js";

const LABELS: Record<CheckResult["status"], string> = {
  pass: "PASS ",
  fail: "FAIL ",
  error: "ERROR",
  skip: "SKIP ",
  disabled: "OFF  ",
};

/** Problems listed per failed check on the console; results.json has the rest. */
const CONSOLE_PROBLEMS = 10;

/** One line per check, plus the problems of a failure on the lines below. */
export function formatResultLine(result: CheckResult): string {
  const time = result.status === "disabled" ? "" : ` (${formatMs(result.durationMs)})`;
  const level = result.level === "core" ? "" : " [optional]";
  const head = `${LABELS[result.status]} ${result.id}${level}${time}`;
  if (result.status === "fail" && result.problems && result.problems.length > 0) {
    const shown = result.problems.slice(0, CONSOLE_PROBLEMS);
    const more = result.problems.length - shown.length;
    return [
      head,
      ...shown.map((problem) => `        - ${problem}`),
      ...(more > 0 ? [`        - … and ${more} more`] : []),
    ].join("\n");
  }
  return result.message ? `${head}: ${result.message}` : head;
}

function formatCounts(counts: StatusCounts): string {
  return `${counts.pass} pass, ${counts.fail} fail, ${counts.error} error, ${counts.skip} skip, ${counts.disabled} disabled (of ${counts.total})`;
}

export function formatTotals(report: ConformanceReport): string {
  const deleted = report.teardown.filter((item) => item.outcome === "deleted").length;
  const left = report.teardown.filter((item) => item.outcome === "left-behind");
  const lines = [
    `Core:     ${formatCounts(report.summary.core)}`,
    `Optional: ${formatCounts(report.summary.optional)}`,
    `Teardown: ${deleted} deleted, ${left.length} left behind`,
    ...left.map((item) => `          ${item.id}: ${item.detail}`),
    report.ok
      ? `Result:   CONFORMS (profile ${report.profile}, ${formatMs(report.durationMs)})`
      : `Result:   DOES NOT CONFORM (${report.interrupted ? "run interrupted" : "core failures or errors"})`,
  ];
  return lines.join("\n");
}

/** The whole human summary: a header, core then optional results, totals. */
export function formatSummary(report: ConformanceReport): string {
  const core = report.results.filter((result) => result.level === "core");
  const optional = report.results.filter((result) => result.level === "optional");
  return [
    `Humanitec driver conformance, profile ${report.profile}, ${report.url}`,
    "Core checks:",
    ...core.map(formatResultLine),
    "Optional checks:",
    ...optional.map(formatResultLine),
    formatTotals(report),
  ].join("\n");
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
