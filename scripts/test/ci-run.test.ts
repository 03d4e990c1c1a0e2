import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, run } from "./run-kit.js";

const STEP = path.join(REPO, "scripts/ci/step.sh");

/** Runs `script` in bash with step.sh sourced. */
const withStep = (script: string, env: NodeJS.ProcessEnv = {}) =>
  run("bash", ["-c", `source ${JSON.stringify(STEP)}\n${script}`], { env: { ...process.env, ...env } });

describe("CI output (.ci/run and scripts/ci/step.sh)", () => {
  it("says when a step starts, that it still runs, and when it ended; its own output stays out", async () => {
    const { code, stdout, stderr } = await withStep(
      'step "installing things" sh -c "echo debconf: delaying package configuration; echo Selecting previously unselected package >&2; sleep 2.5"',
      { STEP_PROGRESS_SECONDS: "1" },
    );
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe("ci: installing things...");
    expect(lines).toContainEqual(expect.stringMatching(/^ci: installing things: still running \(\d+ s\)$/));
    expect(lines.at(-1)).toMatch(/^ci: installing things: done in \d+ s$/);
    expect(stdout).not.toMatch(/debconf|Selecting/);
  });

  it("shows a failing step's output and passes its exit code on", async () => {
    const { code, stdout, stderr } = await withStep(
      'set -e; step "installing chromium" sh -c "echo E: Unable to locate package chromium >&2; exit 100"; echo "not reached"',
      {},
    );
    expect(stdout).toBe("ci: installing chromium...\n");
    expect(stderr).toMatch(
      /^ci: installing chromium: failed \(exit code 100\) after \d+ s; its last lines:\n {2}\| E: Unable to locate package chromium\n$/,
    );
    expect(code).toBe(100);
  });

  it(".ci/run runs every install through step and ends with npm test", async () => {
    const script = await readFile(path.join(REPO, ".ci/run"), "utf8");
    const commands = script
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    expect(commands.at(-1)).toBe("npm test");
    for (const line of commands.filter((line) => /apt-get|npm install/.test(line))) {
      expect(line, line).toMatch(/(^|\|\| )step "/);
    }
  });

  const engine = process.env.CONTAINERS_CONF;
  const podman = engine !== undefined && existsSync(engine) && process.getuid?.() === 0;
  it.skipIf(!podman)(
    `setup-podman.sh --prune removes the kit's unused images and nothing else${podman ? "" : " (skipped: no podman set up by scripts/setup-podman.sh in this environment)"}`,
    async () => {
      const context = await mkdtemp(path.join(tmpdir(), "prune-"));
      const check = path.basename(context).toLowerCase();
      const tag = `localhost/kit-prune-check:${check}`;
      // Narrowed to this test's own label value: a build running beside it keeps its stages.
      const label = `org.elasticache-driver-kit.source=${check}`;
      const build = async (label: string | undefined, content: string) => {
        await writeFile(path.join(context, "file"), content);
        await writeFile(path.join(context, "Containerfile"), "FROM scratch\nCOPY file /file\n");
        const labels = label === undefined ? [] : ["--label", label];
        const built = await run("podman", [
          "build",
          "--quiet",
          "--pull=never",
          ...labels,
          "-t",
          tag,
          context,
        ]);
        expect(built.code, built.stderr).toBe(0);
        return built.stdout.trim();
      };
      const exists = async (id: string) => (await run("podman", ["image", "exists", id])).code === 0;
      try {
        // Each build under the same tag leaves the one before it untagged and unused.
        const kitLeftover = await build(label, "1");
        const foreignLeftover = await build(undefined, "2");
        await build(undefined, "3");
        const pruned = await run("bash", [path.join(REPO, "scripts/setup-podman.sh"), "--prune", label]);
        expect(pruned.code, pruned.stderr).toBe(0);
        expect(pruned.stdout).toMatch(/setup-podman: removed [1-9]\d* unused kit image/);
        expect(await exists(kitLeftover)).toBe(false);
        expect(await exists(foreignLeftover)).toBe(true);
        await run("podman", ["rmi", foreignLeftover]);
      } finally {
        await run("podman", ["rmi", "--force", tag]);
        await rm(context, { recursive: true, force: true });
      }
    },
  );
});
