import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commandProbe } from "../preflight/command-probe.js";
import { runTool } from "./run-tool.js";
import { gitSourceVersion } from "./source-version.js";

const node = process.execPath;

describe("running the tools", () => {
  it("passes stdin, reports each output line and resolves with the output", async () => {
    const lines: string[] = [];
    const output = await runTool(
      node,
      ["-e", "process.stdin.on('data', d => console.log('got ' + d.length)); console.error('STEP 1/2: x')"],
      {
        input: "secret-password",
        onLine: (line) => lines.push(line),
      },
    );
    expect(lines.sort()).toEqual(["STEP 1/2: x", "got 15"]);
    expect(output).not.toContain("secret-password");
  });

  it("rejects with the command, its exit code and its last lines when it fails", async () => {
    const failing = runTool(node, [
      "-e",
      "for (let i = 0; i < 30; i++) console.log('line ' + i); process.exit(3)",
    ]);
    await expect(failing).rejects.toThrow(/exited with 3:\nline 10\n(.|\n)*line 29$/);
  });

  it("probes commands: there and working, there and failing, or not on PATH", async () => {
    const probe = commandProbe(5_000);
    expect(await probe(node, ["--version"])).toEqual({ found: true, ok: true, output: process.version });
    expect(await probe(node, ["-e", "console.error('engine down'); process.exit(1)"])).toEqual({
      found: true,
      ok: false,
      output: "engine down",
    });
    expect(await probe("kit-no-such-command", ["--version"])).toMatchObject({ found: false, ok: false });
  });

  it("reads the checkout's commit and whether it has uncommitted changes", async () => {
    const repo = await mkdtemp(path.join(tmpdir(), "kit-git-"));
    try {
      const git = (...args: string[]) =>
        execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args]);
      git("init", "-q");
      await writeFile(path.join(repo, "a.txt"), "a");
      git("add", "a.txt");
      git("commit", "-qm", "a");
      const commit = git("rev-parse", "--short=12", "HEAD").toString().trim();
      expect(await gitSourceVersion(repo)).toEqual({ commit, dirty: false });
      await writeFile(path.join(repo, "b.txt"), "b");
      expect(await gitSourceVersion(repo)).toEqual({ commit, dirty: true });
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});
