import { describe, expect, it } from "vitest";
import type { CheckResult, ConformanceReport } from "./report-types.js";
import { toJUnitXml } from "./junit-report.js";
import { formatSummary } from "./console-summary.js";

function result(overrides: Partial<CheckResult> & Pick<CheckResult, "id" | "status">): CheckResult {
  return {
    title: `rule of ${overrides.id}`,
    clause: "a clause",
    source: "driver-api-0.9",
    level: "contract",
    features: [],
    durationMs: 1500,
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
    token: null,
    authentication: "none",
    inputsSource: "test",
    inputs: {},
    filter: [],
    disable: [],
    timeouts: { requestMs: 1, fastMs: 1, operationMs: 1, pollIntervalMs: 1, checkMs: 1 },
    concurrency: 4,
  },
  results: [
    result({ id: "A-PASS", status: "pass" }),
    result({
      id: "B-FAIL",
      status: "fail",
      message: 'got <201> & "x"',
      problems: ['got <201> & "x"', "second\u0007"],
    }),
    result({ id: "C-ERROR", status: "error", message: "ECONNREFUSED" }),
    result({
      id: "D-SKIP",
      status: "skip",
      level: "recommendation",
      features: ["get"],
      message: "no GET (405)",
    }),
    result({ id: "E-OFF", status: "disabled", level: "recommendation", message: "turned off" }),
  ],
  summary: {
    contract: { ...counts, pass: 1, fail: 1, error: 1, total: 3 },
    recommendation: { ...counts, skip: 1, disabled: 1, total: 2 },
  },
  strict: false,
  ok: false,
  interrupted: false,
  exchangeCount: 0,
  teardown: [{ id: "abc", outcome: "left-behind", detail: "DELETE still answered 202" }],
};

describe("toJUnitXml", () => {
  const xml = toJUnitXml(report);

  it("has one testsuite per level with the right counts", () => {
    expect(xml).toContain(
      '<testsuites name="humanitec-driver-conformance v0.9" tests="5" failures="1" errors="1" skipped="2"',
    );
    expect(xml).toContain(
      '<testsuite name="v0.9 contract" tests="3" failures="1" errors="1" skipped="0" time="4.500"',
    );
    expect(xml).toContain(
      '<testsuite name="v0.9 recommendation" tests="2" failures="0" errors="0" skipped="2"',
    );
  });

  it("maps fail to <failure>, error to <error>, skip and disabled to <skipped>", () => {
    expect(xml).toContain('<failure message="got &lt;201&gt; &amp; &quot;x&quot;" type="contract">');
    expect(xml).toContain('<error message="ECONNREFUSED" type="harness">');
    expect(xml).toContain('<skipped message="no GET (405)"/>');
    expect(xml).toContain('<skipped message="disabled: turned off"/>');
  });

  it("escapes text and drops characters XML cannot carry", () => {
    expect(xml).toContain('got &lt;201&gt; &amp; "x"\nsecond\uFFFD</failure>');
    expect(xml).not.toContain("\u0007");
  });
});

describe("formatSummary", () => {
  it("lists contract checks then recommendations, the problems of failures, and the verdict", () => {
    const text = formatSummary(report);
    expect(text.indexOf("FAIL  B-FAIL")).toBeLessThan(text.indexOf("SKIP  D-SKIP [recommendation]"));
    expect(text).toContain("        - second");
    expect(text).toContain("Teardown:       0 deleted, 1 left behind, 0 unconfirmed, 0 never created");
    expect(text).toContain("abc left-behind: DELETE still answered 202");
    expect(text).toContain("Result:         DOES NOT CONFORM (contract failures or errors)");
  });
});
