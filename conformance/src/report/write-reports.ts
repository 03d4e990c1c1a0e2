import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { toHtmlReport } from "./html/html-report.js";
import { toJUnitXml } from "./junit-report.js";
import type { ConformanceReport } from "./report-types.js";

export interface WrittenReports {
  readonly resultsJson: string;
  readonly junitXml: string;
  readonly html: string;
}

/** Writes `results.json`, `junit.xml` and `report.html` into `dir` (created when missing). */
export async function writeReports(report: ConformanceReport, dir: string): Promise<WrittenReports> {
  await mkdir(dir, { recursive: true });
  const resultsJson = path.join(dir, "results.json");
  const junitXml = path.join(dir, "junit.xml");
  const html = path.join(dir, "report.html");
  await writeFile(resultsJson, `${JSON.stringify(report, null, 2)}\n`, "utf8");
  await writeFile(junitXml, toJUnitXml(report), "utf8");
  await writeFile(html, toHtmlReport(report), "utf8");
  return { resultsJson, junitXml, html };
}
