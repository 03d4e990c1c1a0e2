import { describe, expect, it } from "vitest";
import type { ExchangeExcerpt } from "../../redact.js";
import type { CheckResult, ConformanceReport } from "../report-types.js";
import { toHtmlReport } from "./html-report.js";

const hostile = `<script>alert("x")</script><img src=https://example.invalid/x.png>`;

const exchange: ExchangeExcerpt = {
  seq: 7,
  check: "ERR-BODY-SHAPE",
  startedAt: "2026-11-25T10:00:01.000Z",
  durationMs: 12,
  method: "PUT",
  path: "/0123456789abcdef0123456789abcdef01234567",
  requestHeaders: { "content-type": "application/json", authorization: "[REDACTED] (20 bytes)" },
  requestBody: '{"type":"redis"}',
  outcome: "response",
  status: 500,
  responseHeaders: { "content-type": "text/html" },
  responseBody: `</pre>${hostile}`,
};

function result(overrides: Partial<CheckResult> & Pick<CheckResult, "id" | "status">): CheckResult {
  return {
    title: `rule of ${overrides.id}`,
    clause: "Error: error code prefixed with RES-1",
    source: "driver-api-0.9",
    level: "contract",
    features: [],
    durationMs: 20,
    exchanges: [],
    omittedExchanges: 0,
    evidence: [],
    ...overrides,
  };
}

const counts = { pass: 0, fail: 0, error: 0, skip: 0, disabled: 0, total: 0 };
const report: ConformanceReport = {
  profile: "v0.9",
  url: "http://127.0.0.1:1/",
  startedAt: "2026-11-25T10:00:00.000Z",
  finishedAt: "2026-11-25T10:00:05.000Z",
  durationMs: 5000,
  config: {
    url: "http://127.0.0.1:1/",
    profile: "v0.9",
    token: "[REDACTED]",
    authentication: "bearer token",
    inputsSource: "inputs.json",
    inputs: { type: "redis" },
    filter: [],
    disable: ["CONN-SET-GET"],
    timeouts: { requestMs: 3000, fastMs: 1000, operationMs: 120_000, pollIntervalMs: 2000, checkMs: 300_000 },
    concurrency: 4,
  },
  results: [
    result({
      id: "PUT-200-READY",
      status: "pass",
      exchanges: [{ ...exchange, status: 200, responseBody: "{}" }],
    }),
    result({
      id: "ERR-BODY-SHAPE",
      status: "fail",
      message: hostile,
      problems: [hostile],
      evidence: [exchange],
    }),
    result({
      id: "CONN-SET-GET",
      status: "disabled",
      level: "recommendation",
      message: "turned off with --disable",
    }),
  ],
  summary: {
    contract: { ...counts, pass: 1, fail: 1, total: 2 },
    recommendation: { ...counts, disabled: 1, total: 1 },
  },
  strict: false,
  ok: false,
  interrupted: false,
  exchangeCount: 2,
  teardown: [],
};

describe("toHtmlReport", () => {
  const html = toHtmlReport(report);

  it("is one page that fetches nothing and runs nothing", () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/<[^>]+\s(src|href)="(?!#)/i);
  });

  it("escapes whatever the driver answered", () => {
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html.match(/<\/pre>/g)?.length).toBe(html.match(/<pre>/g)?.length);
  });

  it("shows the verdict, the counts per level and status, and each check with its clause", () => {
    expect(html).toContain('<h1 id="verdict">DOES NOT CONFORM</h1>');
    expect(html).toContain('<td class="count" data-level="contract" data-status="fail">1</td>');
    expect(html).toContain('<td class="count" data-level="recommendation" data-status="disabled">1</td>');
    expect(html).toContain(
      '<section class="check" id="check-ERR-BODY-SHAPE" data-status="fail" data-level="contract">',
    );
    expect(html).toContain("0.9 spec: “Error: error code prefixed with RES-1”");
  });

  it("opens the exchanges that decided a failure and folds the requests of a pass", () => {
    expect(html).toContain('<details class="exchange" open data-seq="7">');
    expect(html).toContain('<details class="exchange" data-seq="7">');
    expect(html).toContain("#7 PUT /0123456789abcdef0123456789abcdef01234567 → 500");
  });
});
