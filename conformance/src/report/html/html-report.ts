import type { Level } from "../../check.js";
import { SOURCE_LABELS } from "../../sources.js";
import { formatMs } from "../console-summary.js";
import { CHECK_STATUSES, type CheckResult, type ConformanceReport } from "../report-types.js";
import { escapeHtml } from "./escape-html.js";
import { exchangeHtml } from "./exchange-html.js";
import { REPORT_STYLE } from "./report-style.js";

/**
 * The report as one self-contained HTML page: inline CSS, no script, nothing fetched (its
 * Content-Security-Policy forbids both). It shows only what results.json holds, already redacted.
 */
export function toHtmlReport(report: ConformanceReport): string {
  const verdict = verdictText(report);
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`Driver conformance: ${verdict} (${report.profile}, ${report.url})`)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    "</head>",
    "<body>",
    `<header class="${report.ok ? "ok" : "not-ok"}"><div>`,
    `<h1 id="verdict">${escapeHtml(verdict)}</h1>`,
    `<p>Humanitec driver contract, profile <strong>${escapeHtml(report.profile)}</strong>, driver <code>${escapeHtml(report.url)}</code><br>`,
    `${escapeHtml(report.startedAt)}, ${formatMs(report.durationMs)}, ${report.exchangeCount} requests</p>`,
    "</div></header>",
    "<main>",
    summaryHtml(report),
    settingsHtml(report),
    teardownHtml(report),
    indexHtml(report.results),
    '<h2 id="checks">Checks</h2>',
    ...report.results.map(checkHtml),
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function verdictText(report: ConformanceReport): string {
  if (report.ok) return "CONFORMS";
  return report.interrupted ? "DOES NOT CONFORM (run interrupted)" : "DOES NOT CONFORM";
}

function summaryHtml(report: ConformanceReport): string {
  const row = (level: Level) => {
    const counts = report.summary[level];
    const cells = CHECK_STATUSES.map(
      (status) => `<td class="count" data-level="${level}" data-status="${status}">${counts[status]}</td>`,
    );
    return `<tr><th scope="row">${level}</th>${cells.join("")}<td class="count" data-level="${level}" data-status="total">${counts.total}</td></tr>`;
  };
  return [
    '<h2 id="summary">Summary</h2>',
    report.strict
      ? `<p>Strict run: the driver conforms when no contract check and no recommendation fails or errors.</p>`
      : `<p>The driver conforms when no contract check (a clause of Humanitec's text) fails or errors. Recommendations are this kit's rules, reported apart; they decide only in a strict run.</p>`,
    `<table class="summary"><thead><tr><th>Level</th>${CHECK_STATUSES.map((status) => `<th>${status}</th>`).join("")}<th>total</th></tr></thead>`,
    `<tbody>${row("contract")}${row("recommendation")}</tbody></table>`,
  ].join("\n");
}

function settingsHtml(report: ConformanceReport): string {
  const { config } = report;
  const item = (term: string, value: string) => `<dt>${term}</dt><dd>${escapeHtml(value)}</dd>`;
  const timeouts = config.timeouts;
  return [
    '<h2 id="settings">Settings</h2>',
    "<dl>",
    item("Inputs", config.inputsSource),
    item("Authentication", config.token === null ? "none" : `${config.authentication} (sent, redacted)`),
    item(
      "Bounds",
      `each answer ${timeouts.requestMs} ms (fast: ${timeouts.fastMs} ms), each operation ${timeouts.operationMs} ms, polls every ${timeouts.pollIntervalMs} ms`,
    ),
    item("Filter", config.filter.length > 0 ? config.filter.join(", ") : "all checks"),
    item("Disabled", config.disable.length > 0 ? config.disable.join(", ") : "none"),
    "</dl>",
    `<h4>Inputs sent (secrets redacted)</h4><pre>${escapeHtml(JSON.stringify(config.inputs, null, 2))}</pre>`,
  ].join("\n");
}

function teardownHtml(report: ConformanceReport): string {
  const rows = report.teardown.map(
    (item) =>
      `<tr><td><code>${escapeHtml(item.id)}</code></td><td>${escapeHtml(item.outcome)}</td><td>${escapeHtml((item.identities ?? []).join("; "))}</td><td>${escapeHtml(item.detail)}</td></tr>`,
  );
  const count = (outcome: string) => report.teardown.filter((item) => item.outcome === outcome).length;
  const inventory = report.inventory;
  return [
    '<h2 id="teardown">Teardown</h2>',
    `<p>${count("deleted")} deleted, ${count("left-behind")} left behind, ${count("unconfirmed")} unconfirmed, ${count("never-created")} never created.</p>`,
    rows.length > 0
      ? `<table><thead><tr><th>GUResID</th><th>Outcome</th><th>Backend instances named</th><th>Detail</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
      : "",
    inventory === undefined
      ? ""
      : inventory.error !== undefined
        ? `<p>Inventory (<code>${escapeHtml(inventory.command)}</code>): ${escapeHtml(inventory.error)}</p>`
        : `<p>Inventory (<code>${escapeHtml(inventory.command)}</code>): ${inventory.before} before, ${inventory.after} after; new after the run: ${inventory.added.length === 0 ? "none" : inventory.added.map((line) => `<code>${escapeHtml(line)}</code>`).join(", ")}.</p>`,
  ].join("\n");
}

function indexHtml(results: readonly CheckResult[]): string {
  const rows = results.map(
    (result) =>
      `<tr><td><a href="#check-${escapeHtml(result.id)}"><code>${escapeHtml(result.id)}</code></a></td><td>${result.level}</td><td><span class="badge ${result.status}">${result.status}</span></td><td>${escapeHtml(result.message ?? "")}</td></tr>`,
  );
  return [
    '<h2 id="index">All checks, in run order</h2>',
    `<table class="index"><thead><tr><th>Check</th><th>Level</th><th>Verdict</th><th>Note</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
  ].join("\n");
}

function checkHtml(result: CheckResult): string {
  const features = result.features.length > 0 ? `, needs ${result.features.join(", ")}` : "";
  const time = result.status === "disabled" ? "" : `, ${formatMs(result.durationMs)}`;
  const failed = result.status === "fail";
  const problems =
    failed && result.problems && result.problems.length > 0
      ? `<ul class="problems">${result.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join("")}</ul>`
      : result.message
        ? `<p class="message">${escapeHtml(result.message)}</p>`
        : "";
  return [
    `<section class="check" id="check-${escapeHtml(result.id)}" data-status="${result.status}" data-level="${result.level}">`,
    `<h3><span class="badge ${result.status}">${result.status}</span> <code>${escapeHtml(result.id)}</code> <span class="level">${result.level}</span></h3>`,
    `<p class="rule">${escapeHtml(result.title)}</p>`,
    `<p class="muted">${escapeHtml(SOURCE_LABELS[result.source])}: “${escapeHtml(result.clause)}”${escapeHtml(features)}${time}</p>`,
    problems,
    exchangesHtml(result),
    "</section>",
  ].join("\n");
}

/** A failure shows the exchanges that prove it, open; every check lists the requests it sent. */
function exchangesHtml(result: CheckResult): string {
  const parts: string[] = [];
  if (result.evidence.length > 0) {
    parts.push(
      "<h4>Exchanges that decided it</h4>",
      ...result.evidence.map((exchange) => exchangeHtml(exchange, true)),
    );
  }
  if (result.exchanges.length > 0) {
    const omitted =
      result.omittedExchanges > 0
        ? `<p class="muted">${result.omittedExchanges} exchange(s) between the first 20 and the last 5 are not kept.</p>`
        : "";
    parts.push(
      `<h4>Requests this check sent (${result.exchanges.length + result.omittedExchanges})</h4>`,
      ...result.exchanges.map((exchange) => exchangeHtml(exchange, false)),
      omitted,
    );
  } else if (result.status === "pass" || result.status === "fail") {
    parts.push('<p class="muted">No request of its own: judged on what the run observed.</p>');
  }
  return parts.join("\n");
}
