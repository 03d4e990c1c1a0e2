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
  const level = result.level === "contract" ? "" : " [recommendation]";
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
  const count = (outcome: string) => report.teardown.filter((item) => item.outcome === outcome).length;
  const notDeleted = report.teardown.filter(
    (item) => item.outcome !== "deleted" || (item.identities?.length ?? 0) > 1,
  );
  const inventory = report.inventory;
  const lines = [
    `Contract:       ${formatCounts(report.summary.contract)}`,
    `Recommendation: ${formatCounts(report.summary.recommendation)}${report.strict ? " (strict: decisive)" : " (not decisive without --strict)"}`,
    `Teardown:       ${count("deleted")} deleted, ${count("left-behind")} left behind, ${count("unconfirmed")} unconfirmed, ${count("never-created")} never created`,
    ...notDeleted.map(
      (item) =>
        `                ${item.id} ${item.outcome}: ${item.detail}${item.identities && item.identities.length > 0 ? ` [${item.identities.join("; ")}]` : ""}`,
    ),
    ...(inventory === undefined
      ? []
      : inventory.error !== undefined
        ? [`Inventory:      ${inventory.error}`]
        : [
            `Inventory:      ${inventory.before} before, ${inventory.after} after, ${inventory.added.length} new after the run`,
            ...inventory.added.map((line) => `                + ${line}`),
          ]),
    report.ok
      ? `Result:         CONFORMS (profile ${report.profile}${report.strict ? ", strict" : ""}, ${formatMs(report.durationMs)})`
      : `Result:         DOES NOT CONFORM (${verdictReason(report)})`,
  ];
  return lines.join("\n");
}

function verdictReason(report: ConformanceReport): string {
  if (report.interrupted) return "run interrupted";
  const { contract } = report.summary;
  return contract.fail > 0 || contract.error > 0
    ? "contract failures or errors"
    : "recommendations failed or errored, and --strict makes them decisive";
}

/** The whole human summary: a header, core then optional results, totals. */
export function formatSummary(report: ConformanceReport): string {
  const contract = report.results.filter((result) => result.level === "contract");
  const recommendation = report.results.filter((result) => result.level === "recommendation");
  return [
    `Humanitec driver conformance, profile ${report.profile}, ${report.url}`,
    "Contract checks (Humanitec's text):",
    ...contract.map(formatResultLine),
    "Recommendations (this kit's rules):",
    ...recommendation.map(formatResultLine),
    formatTotals(report),
  ].join("\n");
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
