import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, startLocalDriver, type LocalDriver } from "../src/index.js";
import { loadAction, runStep } from "./support/composite-action.js";
import { npmInstall, packConformance } from "./support/packed-conformance.js";
import { plainEnv, runCommand } from "./support/run-command.js";

const TOKEN = "package-conformance-token-0123456789";
/**
 * RESP-FAST's bound, in seconds. Its 1 s default suits a driver on a machine of its own; here the
 * driver shares two cores with the rest of the test suite, and a create's first answer was seen
 * taking 1.4 s under a load average of 20. RESP-BOUNDED-TIME keeps its 3 s default.
 */
const FAST_BOUND_S = "2";
const ACTION = path.join(REPO_ROOT, ".github/actions/driver-conformance/action.yml");

interface Results {
  readonly ok: boolean;
  readonly results: readonly { readonly id: string; readonly status: string; readonly message?: string }[];
  readonly teardown: readonly { readonly outcome: string }[];
}

const notPassed = (results: Results) =>
  results.results.filter((r) => r.status !== "pass").map((r) => `${r.id}: ${r.status} ${r.message ?? ""}`);

/** What a report directory holds, checked the same way for the CLI and the action. */
async function expectConformingReports(dir: string): Promise<void> {
  const results = JSON.parse(await readFile(path.join(dir, "results.json"), "utf8")) as Results;
  expect(notPassed(results)).toEqual([]);
  expect(results.ok).toBe(true);
  expect(results.results.map((result) => result.id)).toContain("ACCOUNT-NOT-READABLE");
  expect(results.teardown.filter((entry) => entry.outcome !== "deleted")).toEqual([]);
  const junit = await readFile(path.join(dir, "junit.xml"), "utf8");
  expect(junit).toMatch(
    /<testsuites name="humanitec-driver-conformance v0\.9" tests="\d+" failures="0" errors="0" skipped="0"/,
  );
  expect(await readFile(path.join(dir, "report.html"), "utf8")).toContain('<h1 id="verdict">CONFORMS</h1>');
}

describe("the conformance package, packed, installed with plain npm and run with plain node", () => {
  let work: string;
  let tarball: string;
  let driver: LocalDriver | undefined;
  let app: string;
  const installed = () => path.join(app, "node_modules/@elasticache-driver-kit/conformance");

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "conformance-package-"));
    app = path.join(work, "app");
    await Promise.all([mkdir(path.join(work, "pack")), mkdir(app)]);
    tarball = await packConformance(path.join(work, "pack"));
    // The driver starts while npm installs; a create delay keeps the 202 and 409 checks meaningful.
    // Its start is bounded generously: on two busy cores, compiling it on the fly takes a while.
    const starting = startLocalDriver(
      { LOCAL_RUNTIME: "process", LOCAL_CREATE_DELAY_MS: "600", DRIVER_AUTH_TOKEN: TOKEN },
      { startTimeoutMs: 60_000 },
    );
    starting.catch(() => {});
    try {
      await npmInstall(tarball, app);
    } finally {
      driver = await starting;
    }
  });

  afterAll(async () => {
    const left = await driver?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
    expect(left ?? []).toEqual([]);
  });

  it("ships compiled JavaScript, its types, the examples and the README, and needs only zod, @redis/client and jose", async () => {
    const manifest = JSON.parse(await readFile(path.join(installed(), "package.json"), "utf8")) as {
      bin: Record<string, string>;
      exports: unknown;
      dependencies: Record<string, string>;
    };
    expect(manifest.bin).toEqual({ "driver-conformance": "./dist/cli.js" });
    expect(manifest.exports).toEqual({ ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } });
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@redis/client", "jose", "zod"]);
    expect((await readdir(installed())).sort()).toEqual(["README.md", "dist", "examples", "package.json"]);
    const dist = await readdir(path.join(installed(), "dist"), { recursive: true });
    expect(
      dist.filter((file) => !/\.(js|d\.ts)$/.test(file) && !file.endsWith(path.sep) && file.includes(".")),
    ).toEqual([]);
    expect(dist.filter((file) => file.includes(".test."))).toEqual([]);
    expect((await readdir(path.join(app, "node_modules"))).sort()).toEqual([
      ".bin",
      ".package-lock.json",
      "@elasticache-driver-kit",
      "@redis",
      "jose",
      "zod",
    ]);
    expect(await readdir(path.join(app, "node_modules/.bin"))).toContain("driver-conformance");
  });

  it("exposes the library through its front door to plain node", async () => {
    const imported = await runCommand(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'import { listChecks, toHtmlReport } from "@elasticache-driver-kit/conformance"; console.log(listChecks("v0.9").length, typeof toHtmlReport);',
      ],
      { cwd: app, env: plainEnv(), timeoutMs: 30_000 },
    );
    expect(imported.stderr).toBe("");
    expect(imported.stdout.trim()).toMatch(/^\d{2} function$/);
  });

  it("checks this driver with the shipped local example inputs: every check passes, reports written", async () => {
    const reports = path.join(work, "cli-reports");
    const run = await runCommand(
      process.execPath,
      [
        path.join(installed(), "dist/cli.js"),
        "--url",
        driver?.url ?? "",
        "--inputs",
        path.join(installed(), "examples/local-inputs.json"),
        "--poll-interval",
        "0.1",
        "--fast-bound",
        FAST_BOUND_S,
        "--timeout",
        "60",
        "--report-dir",
        reports,
      ],
      { cwd: app, env: { ...plainEnv(), CONFORMANCE_TOKEN: TOKEN }, timeoutMs: 90_000 },
    );

    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/Result: +CONFORMS/);
    expect(run.code).toBe(0);
    await expectConformingReports(reports);
  });

  it("runs the GitHub composite action's steps: install the tarball, check, step summary, exit code", async () => {
    const action = await loadAction(ACTION);
    expect(action.runs.using).toBe("composite");
    for (const step of action.runs.steps.filter((candidate) => candidate.run !== undefined)) {
      expect(step.run, `step ${step.id} must take inputs through env only`).not.toContain("${{");
    }
    const upload = action.runs.steps.find((step) => step.id === "upload");
    expect(upload).toMatchObject({ if: "always()", with: { path: "${{ inputs.report-dir }}" } });
    const runnerTemp = path.join(work, "runner-temp");
    const workspace = path.join(work, "workspace");
    await Promise.all([mkdir(runnerTemp), mkdir(workspace)]);
    const context = {
      inputs: {
        url: driver?.url ?? "",
        token: TOKEN,
        package: tarball,
        "inputs-file": path.join(REPO_ROOT, "conformance/examples/local-inputs.json"),
        timeout: "60",
        "poll-interval": "0.1",
        "fast-bound": FAST_BOUND_S,
        // The full run is the test above; this one proves the steps, with the filter input too.
        filter: "PUT-CREATE,ACCOUNT-",
        strict: "true",
      },
      runnerTemp,
      workspace,
      env: plainEnv(),
      timeoutMs: 150_000,
    };

    const install = await runStep(action, "install", context);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.code).toBe(0);
    const check = await runStep(action, "check", context);

    expect(check.code).toBe(0);
    expect(check.outputs).toEqual({ "exit-code": "0" });
    expect(check.summary).toContain("### Humanitec driver conformance");
    expect(check.summary).toMatch(/Result: +CONFORMS/);
    expect(check.summary).not.toContain(TOKEN);
    const reports = path.join(workspace, "driver-conformance-report");
    await expectConformingReports(reports);
    const results = JSON.parse(await readFile(path.join(reports, "results.json"), "utf8")) as Results & {
      readonly strict: boolean;
    };
    expect(results.strict).toBe(true);
    expect(results.results.map((result) => result.id)).toEqual([
      "PUT-CREATE-202-OR-200",
      "ACCOUNT-NOT-READABLE",
    ]);
  });
});
