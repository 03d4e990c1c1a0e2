import { runTool } from "./run-tool.js";

export interface SourceVersion {
  readonly commit: string;
  /** Uncommitted changes: the images hold more than the commit says. */
  readonly dirty: boolean;
}

/** The checkout's commit, and whether it has uncommitted changes. */
export async function gitSourceVersion(repoRoot: string): Promise<SourceVersion> {
  const commit = (await runTool("git", ["rev-parse", "--short=12", "HEAD"], { cwd: repoRoot })).trim();
  const status = await runTool("git", ["status", "--porcelain", "--untracked-files=normal"], {
    cwd: repoRoot,
  });
  return { commit, dirty: status.trim() !== "" };
}

/**
 * The images' tag: the commit, so a resumed run finds the images it pushed; with uncommitted
 * changes, also the time, so every such build is deployed as new.
 */
export function imageTag(version: SourceVersion, now: Date): string {
  if (!version.dirty) return `git-${version.commit}`;
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "z")
    .toLowerCase();
  return `git-${version.commit}-dirty-${stamp}`;
}
