import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FAST_TIMEOUTS, FIXTURE_INPUTS } from "./fixtures/fixture-inputs.js";
import { startFixtureServer } from "./fixtures/fixture-server.js";
import { ReferenceDriver } from "./fixtures/reference-driver.js";
import { containsSecret } from "../src/secrets.js";
import { runConformance, type ConformanceReport } from "../src/index.js";

const byId = (report: ConformanceReport) =>
  Object.fromEntries(report.results.map((result) => [result.id, result]));

describe("runConformance", () => {
  it("reports an unreachable driver as harness errors, never as failures", async () => {
    const fixture = await startFixtureServer(() => ({ status: 204 }));
    const url = fixture.url;
    await fixture.close();

    const report = await runConformance({
      url,
      filter: ["DEL-204-UNKNOWN", "PUT-CREATE"],
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });

    expect(report.results.map((result) => [result.id, result.status])).toEqual([
      ["DEL-204-UNKNOWN", "error"],
      ["PUT-CREATE-202-OR-200", "error"],
    ]);
    expect(report.results[0]?.message).toContain("ECONNREFUSED");
    expect(report.ok).toBe(false);
  });

  it("fails a check whose request the driver drops without an answer", async () => {
    const server = createServer((request) => request.socket.destroy());
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const report = await runConformance({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        filter: "DEL-204-UNKNOWN",
        timeouts: FAST_TIMEOUTS,
        quiet: true,
      });
      expect(report.results[0]).toMatchObject({ id: "DEL-204-UNKNOWN", status: "fail" });
      expect(report.results[0]?.message).toContain("connection dropped without an answer");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("reports a create that never finishes as an error and the resource it could not delete as left behind", async () => {
    await using fixture = await startFixtureServer(() => ({ status: 202, body: { status: "creating" } }));

    const report = await runConformance({
      url: fixture.url,
      filter: "PUT-200",
      timeouts: { ...FAST_TIMEOUTS, operationMs: 100 },
      quiet: true,
    });

    expect(byId(report)["PUT-200-READY"]).toMatchObject({ status: "error" });
    expect(byId(report)["PUT-200-READY"]?.message).toMatch(/still answered 202 after .*raise --timeout/);
    expect(report.teardown).toHaveLength(1);
    expect(report.teardown[0]).toMatchObject({ outcome: "left-behind" });
    expect(report.ok).toBe(false);
  });

  it("turns a check that outlives its guard into an error and still tears down", async () => {
    let deletes = 0;
    await using fixture = await startFixtureServer((request) => {
      if (request.method === "DELETE") {
        deletes += 1;
        return { status: 204 };
      }
      return { status: 202, body: {} };
    });

    const report = await runConformance({
      url: fixture.url,
      filter: "PUT-CREATE",
      timeouts: { ...FAST_TIMEOUTS, pollIntervalMs: 60_000, checkMs: 200 },
      quiet: true,
    });

    expect(byId(report)["PUT-CREATE-202-OR-200"]).toMatchObject({
      status: "error",
      message: "the check did not finish within 200 ms",
    });
    expect(deletes).toBe(1);
    expect(report.teardown[0]).toMatchObject({ outcome: "deleted" });
  });

  it("stops at an interruption, skips the rest, and deletes what it created", async () => {
    const driver = new ReferenceDriver();
    await using fixture = await startFixtureServer(driver.handle);
    const interrupt = new AbortController();

    const report = await runConformance({
      url: fixture.url,
      inputs: { ...FIXTURE_INPUTS, connectivity: false },
      timeouts: FAST_TIMEOUTS,
      signal: interrupt.signal,
      logger: {
        info: (line) => {
          if (line.includes("PUT-200-READY")) interrupt.abort();
        },
        warn: () => {},
      },
    });

    expect(report.interrupted).toBe(true);
    expect(report.ok).toBe(false);
    expect(byId(report)["PUT-200-READY"]?.status).toBe("pass");
    expect(byId(report)["PUT-IDEMPOTENT-OUTPUTS"]).toMatchObject({
      status: "skip",
      message: "the run was interrupted",
    });
    expect(report.teardown.some((item) => item.outcome === "deleted")).toBe(true);
    expect(driver.size).toBe(0);
  });

  it("runs only the filtered checks and reports disabled ones as disabled", async () => {
    const driver = new ReferenceDriver({ pendingPolls: 0 });
    await using fixture = await startFixtureServer(driver.handle);

    const report = await runConformance({
      url: fixture.url,
      filter: ["put-2", "DEL-204-UNKNOWN"],
      disable: ["PUT-202-REPEAT"],
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });

    expect(report.results.map((result) => [result.id, result.status])).toEqual([
      ["DEL-204-UNKNOWN", "pass"],
      ["PUT-202-REPEAT", "disabled"],
      ["PUT-200-READY", "pass"],
    ]);
    expect(report.summary.contract).toEqual({ pass: 2, fail: 0, error: 0, skip: 0, disabled: 1, total: 3 });
    expect(driver.size).toBe(0);
  });

  it("rejects unknown check ids, filters that match nothing, and invalid options, all at once", async () => {
    await expect(
      runConformance({ url: "http://127.0.0.1:1", disable: ["NOPE"], quiet: true }),
    ).rejects.toThrow(/unknown check id\(s\) to disable: NOPE/);
    await expect(runConformance({ url: "http://127.0.0.1:1", filter: "ZZZ", quiet: true })).rejects.toThrow(
      /no v0.9 check id starts with ZZZ/,
    );
    await expect(
      runConformance({ url: "not a url", concurrency: 1, inputs: { type: "" }, quiet: true }),
    ).rejects.toThrow(/url is not a URL.*concurrency must be at least 2.*type/);
  });

  it("writes results.json, junit.xml and report.html without the token or any secret, in any encoding", async () => {
    const token = "report-token-0123456789";
    const driver = new ReferenceDriver({ token });
    await using fixture = await startFixtureServer(driver.handle);
    const dir = await mkdtemp(path.join(tmpdir(), "conformance-report-"));
    try {
      const report = await runConformance({
        url: fixture.url,
        token,
        inputs: { ...FIXTURE_INPUTS, connectivity: false },
        reportDir: dir,
        timeouts: FAST_TIMEOUTS,
        quiet: true,
      });
      const json = await readFile(path.join(dir, "results.json"), "utf8");
      const xml = await readFile(path.join(dir, "junit.xml"), "utf8");
      const html = await readFile(path.join(dir, "report.html"), "utf8");

      expect(JSON.parse(json)).toMatchObject({ profile: "v0.9", ok: true, config: { token: "[REDACTED]" } });
      expect(
        report.results.find((result) => result.id === "PUT-CREATE-202-OR-200")?.exchanges.length,
      ).toBeGreaterThan(0);
      const account = Object.values(FIXTURE_INPUTS.driver?.secrets?.account as Record<string, string>);
      for (const secret of [token, driver.redis.password, ...account]) {
        for (const written of [json, xml, html]) expect(containsSecret(written, secret)).toBe(false);
      }
      expect(xml).toContain('<testsuite name="v0.9 contract"');
      expect(xml).toContain("AUTH-401");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
