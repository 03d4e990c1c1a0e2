import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "../../src/index.js";
import { plainEnv, runCommand } from "./run-command.js";

export const CONFORMANCE_PACKAGE_DIR = path.join(REPO_ROOT, "conformance");

/** pnpm from PATH, else the workspace's pinned pnpm through npx, as `npm test` brings it (scripts/kit.mjs). */
async function pnpmCommand(): Promise<[string, ...string[]]> {
  const onPath = await runCommand("pnpm", ["--version"], { cwd: REPO_ROOT, timeoutMs: 30_000 });
  if (onPath.code === 0) return ["pnpm"];
  const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    packageManager: string;
  };
  return ["npx", "--yes", manifest.packageManager];
}

/** Packs the conformance package into `dir` (its prepack script compiles it first); resolves with the tarball. */
export async function packConformance(dir: string): Promise<string> {
  const [command, ...prefix] = await pnpmCommand();
  const packed = await runCommand(command, [...prefix, "pack", "--pack-destination", dir], {
    cwd: CONFORMANCE_PACKAGE_DIR,
    timeoutMs: 120_000,
  });
  if (packed.code !== 0)
    throw new Error(`pnpm pack exited ${packed.code}:\n${packed.stdout}${packed.stderr}`);
  const tarballs = (await readdir(dir)).filter((name) => name.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`pnpm pack left ${tarballs.length} tarballs in ${dir}`);
  return path.join(dir, tarballs[0] as string);
}

/**
 * Installs a tarball with plain npm into `dir`, an empty directory outside the workspace, preferring
 * npm's cache so that a machine that has installed the dependencies before needs no network.
 */
export async function npmInstall(tarball: string, dir: string): Promise<void> {
  const installed = await runCommand(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball],
    {
      cwd: dir,
      env: plainEnv(),
      timeoutMs: 180_000,
    },
  );
  if (installed.code !== 0) {
    throw new Error(`npm install exited ${installed.code}:\n${installed.stdout}${installed.stderr}`);
  }
}
