import parsePrometheusTextFormat, { type MetricFamily } from "parse-prometheus-text-format";
import { afterEach, describe, expect, it } from "vitest";
import { call, inputData, newGuresid, pollWhile202 } from "../support/http.js";
import { startTestDriver, type TestDriver } from "../support/test-driver.js";

async function scrape(driver: TestDriver, headers: Record<string, string> = {}): Promise<MetricFamily[]> {
  const answer = await call(`${driver.origin}/metrics`, { method: "GET", headers });
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusTextFormat(answer.text);
}

const family = (families: MetricFamily[], name: string) => {
  const found = families.find((entry) => entry.name === name);
  if (!found) throw new Error(`no metric ${name}`);
  return found;
};
const value = (families: MetricFamily[], name: string, labels: Record<string, string>) =>
  Number(
    family(families, name).metrics.find((sample) =>
      Object.entries(labels).every(([key, expected]) => sample.labels?.[key] === expected),
    )?.value ?? Number.NaN,
  );

describe("GET /metrics", () => {
  let driver: TestDriver | undefined;
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
  });

  it("after a lifecycle over HTTP, holds the requests, backend calls, operation durations and cache lookups", async () => {
    driver = await startTestDriver({ DRIVER_PROVISIONER: "fake", FAKE_AUTO_FINISH_MS: "30" });
    const url = `${driver.url}${newGuresid()}`;
    const put = await pollWhile202(url, { method: "PUT", body: inputData() });
    expect(put.last.status).toBe(200);
    await Promise.all(Array.from({ length: 5 }, () => call(url, { method: "GET" })));
    expect((await pollWhile202(url, { method: "DELETE" })).last.status).toBe(204);

    const families = await scrape(driver);
    const puts = put.answers.length;
    expect(
      value(families, "driver_http_requests_total", { route: "contract", method: "PUT", status: "200" }),
    ).toBe(1);
    expect(
      value(families, "driver_http_requests_total", { route: "contract", method: "PUT", status: "202" }),
    ).toBe(puts - 1);
    expect(
      value(families, "driver_http_requests_total", { route: "contract", method: "GET", status: "200" }),
    ).toBe(5);
    expect(
      value(families, "driver_backend_calls_total", {
        provisioner: "fake",
        operation: "create",
        outcome: "ok",
      }),
    ).toBe(1);
    expect(
      value(families, "driver_backend_calls_total", {
        provisioner: "fake",
        operation: "delete",
        outcome: "ok",
      }),
    ).toBe(1);
    // The text parser keeps no labels on histogram samples: read the histogram through prom-client itself.
    const histogram = await driver.metrics.registry
      .getSingleMetric("driver_operation_duration_seconds")
      ?.get();
    const sample = (name: string, operation: string) =>
      histogram?.values.find(
        (entry) =>
          (entry as { metricName?: string }).metricName === name && entry.labels.operation === operation,
      )?.value;
    expect(sample("driver_operation_duration_seconds_count", "create")).toBe(1);
    expect(sample("driver_operation_duration_seconds_sum", "create")).toBeGreaterThanOrEqual(0.03);
    expect(sample("driver_operation_duration_seconds_count", "delete")).toBe(1);
    expect(family(families, "driver_operation_duration_seconds").type).toBe("HISTOGRAM");
    expect(value(families, "driver_status_cache_lookups_total", { result: "hit" })).toBeGreaterThan(0);
    expect(value(families, "driver_status_cache_lookups_total", { result: "miss" })).toBeGreaterThan(0);
    expect(family(families, "driver_http_request_duration_seconds").type).toBe("HISTOGRAM");
    expect(family(families, "process_cpu_seconds_total").type).toBe("COUNTER");
    expect(family(families, "nodejs_eventloop_lag_seconds").type).toBe("GAUGE");
  });

  it("counts throttled and denied backend calls, and resources by status", async () => {
    driver = await startTestDriver({ DRIVER_PROVISIONER: "fake", DRIVER_STATUS_CACHE_MS: "0" });
    const { ProvisionerError } = await import("../../src/provisioners/provisioner-errors.js");
    driver.fake.nextError = new ProvisionerError("unavailable", "Rate exceeded");
    await call(`${driver.url}${newGuresid()}`, { method: "PUT", body: inputData() });
    driver.fake.nextError = new ProvisionerError("access-denied", "not authorized");
    await call(`${driver.url}${newGuresid()}`, { method: "PUT", body: inputData() });
    await call(`${driver.url}${newGuresid()}`, { method: "PUT", body: inputData() });
    const families = await scrape(driver);
    expect(
      value(families, "driver_backend_calls_total", { operation: "describe", outcome: "throttled" }),
    ).toBe(1);
    expect(value(families, "driver_backend_calls_total", { operation: "describe", outcome: "denied" })).toBe(
      1,
    );
    expect(value(families, "driver_resources", { provisioner: "fake", status: "creating" })).toBe(1);
  });

  it("keeps label values bounded under 10,000 unique GUResIDs", async () => {
    driver = await startTestDriver({ DRIVER_PROVISIONER: "fake", DRIVER_LOG_LEVEL: "warn" });
    const base = driver.url;
    for (let batch = 0; batch < 100; batch += 1) {
      await Promise.all(Array.from({ length: 100 }, () => call(`${base}${newGuresid()}`, { method: "GET" })));
    }
    await call(`${driver.origin}/no/such/route/${newGuresid()}`, { method: "GET" });
    const families = await scrape(driver);
    const driverFamilies = families.filter((entry) => entry.name.startsWith("driver_"));
    const series = driverFamilies.reduce((sum, entry) => sum + entry.metrics.length, 0);
    expect(series).toBeLessThan(60);
    const labelValues = driverFamilies.flatMap((entry) =>
      entry.metrics.flatMap((sample) => Object.values(sample.labels ?? {})),
    );
    expect(labelValues.filter((label) => /[0-9a-f]{20,}/.test(label))).toEqual([]);
    expect(
      value(families, "driver_http_requests_total", { route: "contract", method: "GET", status: "404" }),
    ).toBe(10_000);
    expect(
      value(families, "driver_http_requests_total", { route: "unknown", method: "GET", status: "404" }),
    ).toBe(1);
  }, 120_000);

  it("asks for its own token when DRIVER_METRICS_TOKEN is set, and the contract token does not open it", async () => {
    driver = await startTestDriver({
      DRIVER_PROVISIONER: "fake",
      DRIVER_METRICS_TOKEN: "metrics-token-0123456789",
      DRIVER_AUTH_TOKEN: "contract-token-0123456789",
    });
    const open = await call(`${driver.origin}/metrics`, { method: "GET" });
    expect(open.status).toBe(401);
    const contract = await call(`${driver.origin}/metrics`, {
      method: "GET",
      headers: { authorization: "Bearer contract-token-0123456789" },
    });
    expect(contract.status).toBe(401);
    expect(await scrape(driver, { authorization: "Bearer metrics-token-0123456789" })).not.toEqual([]);
  });
});
