import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { breakDriver } from "./fixtures/broken-drivers.js";
import { FAST_TIMEOUTS, FIXTURE_INPUTS } from "./fixtures/fixture-inputs.js";
import { startFixtureServer, type FixtureRequest, type FixtureResponse } from "./fixtures/fixture-server.js";
import { GURESID_PATTERN, ReferenceDriver } from "./fixtures/reference-driver.js";
import { SeedDriver } from "./fixtures/seed-driver.js";
import { runConformance, type ConformanceReport } from "../src/index.js";
import { isPlainObject } from "../src/shapes/json.js";

const statusOf = (report: ConformanceReport, id: string) =>
  report.results.find((result) => result.id === id)?.status;

/** Checks that did not pass, by level, as `ID: status`. */
const notPassed = (report: ConformanceReport, level: "contract" | "recommendation") =>
  report.results
    .filter((result) => result.level === level && result.status !== "pass" && result.status !== "skip")
    .map((result) => `${result.id}: ${result.status} ${result.message ?? ""}`);

/** An s3 driver in the manner of Humanitec's reference drivers: the bucket's keys are the account's. */
function s3Driver(): ReferenceDriver {
  return new ReferenceDriver({
    type: "s3",
    outputs: (id, secrets) => {
      const account = isPlainObject(secrets.account) ? secrets.account : {};
      return {
        values: { bucket: `conformance-${id.slice(0, 12)}`, region: "eu-central-1" },
        secrets: {
          aws_access_key_id: account.aws_access_key_id,
          aws_secret_access_key: account.aws_secret_access_key,
        },
      };
    },
  });
}

describe("what the contract allows conforms, whatever the kit recommends", () => {
  it("a driver answering GET with 405, as the status-code page allows, conforms, also with --strict", async () => {
    const driver = new ReferenceDriver();
    await using fixture = await startFixtureServer(breakDriver(driver, "get-405"));
    const report = await runConformance({
      url: fixture.url,
      inputs: { ...FIXTURE_INPUTS, connectivity: false },
      timeouts: FAST_TIMEOUTS,
      quiet: true,
      strict: true,
    });
    expect(statusOf(report, "GET-404-UNKNOWN")).toBe("pass");
    expect(statusOf(report, "GET-200-READY")).toBe("skip");
    expect(notPassed(report, "contract")).toEqual([]);
    expect(notPassed(report, "recommendation")).toEqual([]);
    expect(report.ok).toBe(true);
    expect(driver.size).toBe(0);
  });

  it("an s3 driver returning the account's keys as the type's own secret outputs leaks nothing", async () => {
    const driver = s3Driver();
    await using fixture = await startFixtureServer(driver.handle);
    const report = await runConformance({
      url: fixture.url,
      inputs: { ...FIXTURE_INPUTS, type: "s3", update: undefined, conflict: undefined },
      timeouts: FAST_TIMEOUTS,
      quiet: true,
      strict: true,
    });
    // Inputs without `resource` still send `resource: {}`.
    const create = report.results.find((result) => result.id === "PUT-CREATE-202-OR-200")?.exchanges[0];
    expect(JSON.parse(create?.requestBody ?? "{}")).toMatchObject({ type: "s3", resource: {} });
    expect(statusOf(report, "ACCOUNT-NOT-READABLE")).toBe("pass");
    expect(report.results.find((result) => result.id === "ACCOUNT-NOT-READABLE")?.message).toContain(
      "the type's own secret outputs",
    );
    expect(statusOf(report, "OUT-TYPE-OUTPUTS")).toBe("pass");
    expect(statusOf(report, "CONN-SET-GET")).toBe("skip");
    expect(notPassed(report, "contract")).toEqual([]);
    expect(notPassed(report, "recommendation")).toEqual([]);
    expect(report.ok).toBe(true);
    // Teardown names every bucket the run saw.
    expect(report.teardown.flatMap((entry) => entry.identities ?? [])).toContainEqual(
      expect.stringMatching(/^bucket=conformance-[0-9a-f]{12}$/),
    );
    expect(driver.size).toBe(0);
  });

  it("the same s3 driver keeping the account in its cookie still fails ACCOUNT-NOT-READABLE", async () => {
    const driver = s3Driver();
    await using fixture = await startFixtureServer(breakDriver(driver, "cookie-account-base64"));
    const report = await runConformance({
      url: fixture.url,
      inputs: { ...FIXTURE_INPUTS, type: "s3", update: undefined, conflict: undefined },
      filter: ["PUT-200", "ACCOUNT-"],
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });
    expect(statusOf(report, "ACCOUNT-NOT-READABLE")).toBe("fail");
    const problems = report.results.find((result) => result.id === "ACCOUNT-NOT-READABLE")?.problems ?? [];
    expect(problems.every((problem) => problem.includes("Set-Humanitec-Driver-Cookie"))).toBe(true);
    // Only a recommendation: the verdict stands on the contract alone.
    expect(report.ok).toBe(true);
  });

  it("a 2020 driver answering the 2020 status codes with plain-text bodies conforms, and fails --strict", async () => {
    const driver = new SeedDriver({ retriesBeforeReady: 0 });
    const plain = (request: FixtureRequest): FixtureResponse => {
      const response = driver.handle(request);
      return response.status >= 400 ? { status: response.status, raw: "request failed" } : response;
    };
    await using fixture = await startFixtureServer(plain, "/2020");
    const run = (strict: boolean) =>
      runConformance({
        url: fixture.url,
        profile: "2020",
        inputs: { ...FIXTURE_INPUTS, connectivity: false },
        timeouts: FAST_TIMEOUTS,
        quiet: true,
        strict,
      });
    const report = await run(false);
    expect(notPassed(report, "contract")).toEqual([]);
    expect(statusOf(report, "SEED-DEL-404-UNKNOWN")).toBe("pass");
    expect(statusOf(report, "SEED-POST-422-MALFORMED")).toBe("pass");
    expect(statusOf(report, "ERR-BODY-ALL")).toBe("fail");
    expect(report.ok).toBe(true);
    const strict = await run(true);
    expect(strict.ok).toBe(false);
    expect(driver.size).toBe(0);
  });

  it("a synchronous 2020 create taking 3.5 s passes under the 2020 default bound", async () => {
    const driver = new SeedDriver({ retriesBeforeReady: 0 });
    const seen = new Set<string>();
    const slow = async (request: FixtureRequest): Promise<FixtureResponse> => {
      const id = postedId(request);
      if (id !== undefined && !seen.has(id) && GURESID_PATTERN.test(id)) {
        seen.add(id);
        await sleep(3_500, undefined, { signal: request.signal });
      }
      return driver.handle(request);
    };
    await using fixture = await startFixtureServer(slow, "/2020");
    const report = await runConformance({
      url: fixture.url,
      profile: "2020",
      inputs: { ...FIXTURE_INPUTS, connectivity: false },
      filter: ["SEED-POST-200", "SEED-DEL-204", "RESP-"],
      timeouts: { operationMs: 10_000, pollIntervalMs: 5 },
      quiet: true,
    });
    expect(report.config.timeouts.requestMs).toBe(60_000);
    expect(statusOf(report, "SEED-POST-200")).toBe("pass");
    expect(statusOf(report, "RESP-BOUNDED-TIME")).toBe("pass");
    expect(report.ok).toBe(true);
    expect(driver.size).toBe(0);
  }, 30_000);
});

function postedId(request: FixtureRequest): string | undefined {
  if (request.method !== "POST") return undefined;
  try {
    const body: unknown = JSON.parse(request.body);
    return isPlainObject(body) && typeof body.id === "string" ? body.id : undefined;
  } catch {
    return undefined;
  }
}

describe("real violations are failures, not errors", () => {
  it("a 2020 driver accepting an invalid id fails SEED-ID-INVALID, and teardown removes what it made", async () => {
    const driver = new SeedDriver({ retriesBeforeReady: 0 });
    const accepted = new Set<string>();
    const lax = (request: FixtureRequest): FixtureResponse => {
      const id = postedId(request);
      if (id !== undefined && !GURESID_PATTERN.test(id)) {
        accepted.add(id);
        return { status: 200, body: driver.outputs() };
      }
      if (request.method === "DELETE" && accepted.delete(decodeURIComponent(request.path.slice(1))))
        return { status: 204 };
      return driver.handle(request);
    };
    await using fixture = await startFixtureServer(lax, "/2020");
    const report = await runConformance({
      url: fixture.url,
      profile: "2020",
      inputs: { ...FIXTURE_INPUTS, connectivity: false },
      filter: "SEED-ID-",
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });
    expect(statusOf(report, "SEED-ID-INVALID")).toBe("fail");
    expect(report.ok).toBe(false);
    expect(accepted.size).toBe(0);
  });

  it("a 2020 driver answering a POST after DELETE from what it remembers fails SEED-RECREATE-AFTER-DELETE", async () => {
    const driver = new SeedDriver({ retriesBeforeReady: 0 });
    const remembered = new Set<string>();
    // It keeps the data of deleted ids and answers their next POST with it, creating nothing.
    const ghostly = (request: FixtureRequest): FixtureResponse => {
      const id = postedId(request);
      if (id !== undefined && remembered.has(id)) return { status: 200, body: driver.outputs() };
      const response = driver.handle(request);
      if (request.method === "DELETE" && response.status === 204)
        remembered.add(decodeURIComponent(request.path.slice(1)));
      return response;
    };
    await using fixture = await startFixtureServer(ghostly, "/2020");
    const report = await runConformance({
      url: fixture.url,
      profile: "2020",
      inputs: { ...FIXTURE_INPUTS, connectivity: false },
      filter: ["SEED-POST-200", "SEED-DEL-204", "SEED-RECREATE-"],
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });
    expect(statusOf(report, "SEED-RECREATE-AFTER-DELETE")).toBe("fail");
    expect(report.results.find((result) => result.id === "SEED-RECREATE-AFTER-DELETE")?.message).toContain(
      "the re-created resource could not be deleted",
    );
    expect(report.ok).toBe(false);
  });
});

describe("teardown tells what was really left", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "conformance-inventory-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("an id the driver never acknowledged is never created, not left behind", async () => {
    const driver = new ReferenceDriver();
    const broken = breakDriver(driver, "delete-unknown-404");
    const handler = (request: FixtureRequest) =>
      request.method === "GET" && !driver.has(decodeURIComponent(request.path.slice(1)))
        ? { status: 500, raw: "boom" }
        : broken(request);
    await using fixture = await startFixtureServer(handler);
    const report = await runConformance({
      url: fixture.url,
      inputs: FIXTURE_INPUTS,
      filter: "GET-404-UNKNOWN",
      timeouts: FAST_TIMEOUTS,
      quiet: true,
    });
    expect(statusOf(report, "GET-404-UNKNOWN")).toBe("fail");
    expect(report.teardown).toHaveLength(1);
    expect(report.teardown[0]).toMatchObject({ outcome: "never-created" });
    expect(report.teardown[0]?.detail).toContain("no PUT was ever acknowledged");
  });

  it("a 2020 DELETE answering 404 while the abandoned create goes on is unconfirmed, not deleted", async () => {
    const driver = new SeedDriver({ retriesBeforeReady: 0 });
    const creating = new Set<string>();
    const blocking = async (request: FixtureRequest): Promise<FixtureResponse> => {
      const id = postedId(request);
      if (id !== undefined && GURESID_PATTERN.test(id) && !driver.has(id)) {
        creating.add(id);
        // The create goes on after the caller gave up, as a synchronous cloud call does.
        await sleep(600);
        creating.delete(id);
      }
      return driver.handle(request);
    };
    await using fixture = await startFixtureServer(blocking, "/2020");
    const report = await runConformance({
      url: fixture.url,
      profile: "2020",
      inputs: { ...FIXTURE_INPUTS, connectivity: false },
      filter: "SEED-POST-200",
      timeouts: { ...FAST_TIMEOUTS, requestMs: 200 },
      quiet: true,
    });
    expect(statusOf(report, "SEED-POST-200")).toBe("fail");
    expect(report.teardown).toHaveLength(1);
    expect(report.teardown[0]).toMatchObject({ outcome: "unconfirmed" });
    expect(report.teardown[0]?.detail).toContain("the driver may still be creating it");
    // And so it was: the resource exists once the abandoned create ends.
    await sleep(700);
    expect(driver.size).toBe(1);
  });

  it("a GUResID that named two backend instances shows both, and --inventory shows what a DELETE left", async () => {
    const driver = new ReferenceDriver();
    const broken = breakDriver(driver, "new-instance-without-cookie");
    const listing = path.join(dir, "instances.txt");
    const kept = new Set<string>();
    // A DELETE that answers 204 and deletes nothing: only the inventory can tell.
    const handler = async (request: FixtureRequest): Promise<FixtureResponse> => {
      const id = decodeURIComponent(request.path.slice(1));
      const response =
        request.method === "DELETE" && driver.isReady(id)
          ? (kept.add(id), { status: 204 })
          : await broken(request);
      const instances = ["that-was-there-before", ...new Set([...driver.ids(), ...kept])];
      await writeFile(listing, instances.map((item) => `instance ${item}`).join("\n"));
      return response;
    };
    await writeFile(listing, "instance that-was-there-before\n");
    await using fixture = await startFixtureServer(handler);
    const report = await runConformance({
      url: fixture.url,
      inputs: { ...FIXTURE_INPUTS, connectivity: false },
      filter: ["COOKIE-LOSS-"],
      timeouts: FAST_TIMEOUTS,
      quiet: true,
      inventory: `cat ${JSON.stringify(listing)}`,
    });
    expect(statusOf(report, "COOKIE-LOSS-ONE-RESOURCE")).toBe("fail");
    const probe = report.teardown.find((entry) => (entry.identities ?? []).length > 1);
    expect(probe?.identities).toEqual(["host=127.0.0.1 port=6379", "host=instance-1.fixture.test port=6379"]);
    expect(probe?.detail).toContain(
      "2 backend instances were named for this one GUResID and 1 DELETE(s) answered 204",
    );
    expect(report.inventory).toMatchObject({ before: 1, added: [`instance ${probe?.id}`], removed: [] });
  });

  it("reports an inventory command that fails instead of a difference", async () => {
    const driver = new ReferenceDriver();
    await using fixture = await startFixtureServer(driver.handle);
    const report = await runConformance({
      url: fixture.url,
      inputs: FIXTURE_INPUTS,
      filter: "DEL-204-UNKNOWN",
      timeouts: FAST_TIMEOUTS,
      quiet: true,
      inventory: "exit 3",
    });
    expect(report.inventory?.error).toMatch(/before the run: the inventory command exited with 3/);
  });
});
