import { LEVELS, type Level } from "../check.js";
import type { CheckResult, ConformanceReport } from "./report-types.js";

/** JUnit XML: one testsuite per level (contract, recommendation), one testcase per check. */
export function toJUnitXml(report: ConformanceReport): string {
  const suites = LEVELS.map((level) =>
    testSuite(
      report,
      level,
      report.results.filter((result) => result.level === level),
    ),
  );
  const all = report.results.filter((result) => result.status !== "disabled");
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="humanitec-driver-conformance ${attr(report.profile)}" tests="${report.results.length}" failures="${count(all, "fail")}" errors="${count(all, "error")}" skipped="${count(report.results, "skip") + count(report.results, "disabled")}" time="${seconds(report.durationMs)}">`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
}

function testSuite(report: ConformanceReport, level: Level, results: readonly CheckResult[]): string {
  const skipped = count(results, "skip") + count(results, "disabled");
  const time = results.reduce((sum, result) => sum + result.durationMs, 0);
  return [
    `  <testsuite name="${attr(`${report.profile} ${level}`)}" tests="${results.length}" failures="${count(results, "fail")}" errors="${count(results, "error")}" skipped="${skipped}" time="${seconds(time)}" timestamp="${attr(report.startedAt)}">`,
    `    <properties>`,
    `      <property name="url" value="${attr(report.url)}"/>`,
    `      <property name="profile" value="${attr(report.profile)}"/>`,
    `    </properties>`,
    ...results.map((result) => testCase(report, level, result)),
    `  </testsuite>`,
  ].join("\n");
}

function testCase(report: ConformanceReport, level: string, result: CheckResult): string {
  const open = `    <testcase classname="${attr(`conformance.${report.profile}.${level}`)}" name="${attr(`${result.id}: ${result.title}`)}" time="${seconds(result.durationMs)}"`;
  const message = result.message ?? "";
  switch (result.status) {
    case "pass":
      return `${open}/>`;
    case "fail":
      return `${open}>\n      <failure message="${attr(message)}" type="contract">${text((result.problems ?? [message]).join("\n"))}</failure>\n    </testcase>`;
    case "error":
      return `${open}>\n      <error message="${attr(message)}" type="harness">${text(message)}</error>\n    </testcase>`;
    case "skip":
    case "disabled":
      return `${open}>\n      <skipped message="${attr(result.status === "disabled" ? `disabled: ${message}` : message)}"/>\n    </testcase>`;
  }
}

function count(results: readonly CheckResult[], status: CheckResult["status"]): number {
  return results.filter((result) => result.status === status).length;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML 1.0 cannot carry most control characters at all, escaped or not. */
function clean(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code < 0xd800) ||
      (code > 0xdfff && code !== 0xfffe && code !== 0xffff);
    out += allowed ? char : "\uFFFD";
  }
  return out;
}

function text(value: string): string {
  return clean(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(value: string): string {
  return text(value)
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}
