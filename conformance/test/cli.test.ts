import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { breakDriver } from "./fixtures/broken-drivers.js";
import { startFixtureServer } from "./fixtures/fixture-server.js";
import { ReferenceDriver } from "./fixtures/reference-driver.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.resolve(import.meta.dirname, "../src/cli.ts");
const EXAMPLE_INPUTS = path.resolve(import.meta.dirname, "../examples/local-inputs.json");

/** Runs the CLI the way `pnpm conformance` does; resolves with its exit code and output. */
async function conformance(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", CLI, ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, CONFORMANCE_TOKEN: "" },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("the conformance CLI", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "conformance-cli-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("exits 0 for a conforming driver and writes both reports", async () => {
    const driver = new ReferenceDriver();
    await using fixture = await startFixtureServer(driver.handle, "/redis");

    const run = await conformance([
      "--url",
      `${fixture.url}/`,
      "--inputs",
      EXAMPLE_INPUTS,
      "--disable",
      "CONN-SET-GET",
      "--poll-interval",
      "0.01",
      "--report-dir",
      dir,
    ]);

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("PASS  PUT-200-READY");
    expect(run.stdout).toContain("OFF   CONN-SET-GET [recommendation]");
    expect(run.stdout).toContain("Result:         CONFORMS");
    expect(JSON.parse(await readFile(path.join(dir, "results.json"), "utf8"))).toMatchObject({ ok: true });
    expect(await readFile(path.join(dir, "junit.xml"), "utf8")).toContain("<testsuites");
    expect(await readFile(path.join(dir, "report.html"), "utf8")).toContain('<h1 id="verdict">CONFORMS</h1>');
    expect(driver.size).toBe(0);
  });

  it("exits 1 when a contract check fails", async () => {
    const driver = new ReferenceDriver();
    await using fixture = await startFixtureServer(breakDriver(driver, "delete-unknown-404"));

    const run = await conformance([
      "--url",
      fixture.url,
      "--filter",
      "DEL-204-UNKNOWN",
      "--report-dir",
      dir,
      "--quiet",
    ]);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain("FAIL  DEL-204-UNKNOWN");
    expect(run.stdout).toContain("DOES NOT CONFORM");
  });

  it("on Ctrl-C stops the checks, deletes what it created and exits 130", async () => {
    const live = new Set<string>();
    await using fixture = await startFixtureServer((request) => {
      const id = request.path.slice(1);
      if (request.method === "PUT") {
        live.add(id);
        return { status: 202, body: { status: "creating" } };
      }
      if (request.method === "DELETE") live.delete(id);
      return { status: 204 };
    });
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        CLI,
        "--url",
        fixture.url,
        "--filter",
        "PUT-200",
        "--poll-interval",
        "0.05",
        "--report-dir",
        dir,
      ],
      { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, "exit");
    while (live.size === 0 && child.exitCode === null)
      await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGINT");
    const [code] = (await exited) as [number];

    expect(code).toBe(130);
    expect(stderr).toContain("Interrupted");
    expect(live.size).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, "results.json"), "utf8"))).toMatchObject({
      interrupted: true,
      teardown: [{ outcome: "deleted" }],
    });
  });

  it("exits 2 with the usage on invalid arguments, 0 on --help", async () => {
    const bad = await conformance(["--profile", "v2"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--url is required");
    expect(bad.stderr).toContain("Usage: driver-conformance");

    const help = await conformance(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--inputs FILE");
  });
});
