import path from "node:path";
import { getContainerRuntimeClient } from "testcontainers";
import { describe, expect, it } from "vitest";
import { REPO, run } from "./run-kit.js";

const VITEST = path.join(REPO, "node_modules/vitest/vitest.mjs");

async function engineAnswers(): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000).unref());
  return Promise.race([
    getContainerRuntimeClient().then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
}

/** The names of the tests `vitest list` collects from `file` of `project`: those a run will run. */
async function listed(project: string, file: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const { code, stdout, stderr } = await run(
    process.execPath,
    [VITEST, "list", "--project", project, file, "--json"],
    {
      env,
      timeoutMs: 120_000,
    },
  );
  expect(code, stderr).toBe(0);
  return (JSON.parse(stdout.slice(stdout.indexOf("["))) as { name: string }[]).map(
    ({ name }) => name.split(" > ").at(-1) ?? name,
  );
}

/** The names of the tests a run of `file` reports, with their status (JSON reporter). */
async function reported(
  project: string,
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<{ title: string; status: string }[]> {
  const { stdout, stderr } = await run(
    process.execPath,
    [VITEST, "run", "--project", project, file, "--reporter=json"],
    {
      env,
      timeoutMs: 120_000,
    },
  );
  const report = JSON.parse(stdout.slice(stdout.indexOf("{"))) as {
    testResults: { assertionResults: { title: string; status: string }[] }[];
  };
  expect(report.testResults.length, stderr).toBeGreaterThan(0);
  return report.testResults.flatMap(({ assertionResults }) => assertionResults);
}

const hasEngine = await engineAnswers();
const { KIT_REQUIRE_CONTAINER_RUNTIME: _required, ...env } = process.env;
const withoutEngine = { ...env, DOCKER_HOST: "unix:///nonexistent/engine.sock" };

describe.each([
  ["driver", "test/local/local-provisioner.container.test.ts"],
  ["containers", "test/containers.test.ts"],
])("the %s tests of %s", (project, file) => {
  it.skipIf(!hasEngine)(
    `count the same with and without a container engine${hasEngine ? "" : " (skipped: no container engine answers; start Docker, or on Debian run scripts/setup-podman.sh and `source .podman/env`)"}`,
    async () => {
      // With an engine every test is listed to run; without one, a run reports the same tests skipped.
      const [present, absent] = await Promise.all([
        listed(project, file, env),
        reported(project, file, withoutEngine),
      ]);
      expect(present.length).toBeGreaterThan(0);
      expect(absent.map(({ title }) => title)).toEqual(present);
      expect(new Set(absent.map(({ status }) => status))).toEqual(new Set(["skipped"]));
    },
  );
});
