import { mkdtemp, readFile, rm, stat, writeFile, mkdir, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UpStateFile } from "./up-state.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "kit-state-test-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the state of up --cloud", () => {
  it("is saved whole, readable only by its owner, in the git-ignored .kit-state dir, and read back", async () => {
    const file = UpStateFile.forStack(root, "dev");
    expect(await file.load()).toBeUndefined();
    const state = {
      version: 1 as const,
      stack: "dev",
      region: "us-east-1",
      account: "1",
      steps: { stack: { completedAt: "2026-11-30T12:00:00.000Z", result: { vpcId: "vpc-1" } } },
    };
    await file.save(state);
    expect(file.file).toBe(path.join(root, ".kit-state", "up-cloud-dev.json"));
    expect(await file.load()).toEqual(state);
    expect((await stat(file.file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(file.file))).toEqual(["up-cloud-dev.json"]);
    const ignored = await readFile(path.join(import.meta.dirname, "../../../.gitignore"), "utf8");
    expect(ignored.split("\n")).toContain(".kit-state/");
    await file.remove();
    expect(await file.load()).toBeUndefined();
  });

  it("refuses a file it did not write, naming it and the fix", async () => {
    const file = UpStateFile.forStack(root, "dev");
    await mkdir(path.dirname(file.file), { recursive: true });
    await writeFile(file.file, '{"steps": "yes"}');
    await expect(file.load()).rejects.toThrow(
      `${file.file}: is not a state file this version of the kit wrote. Fix: delete it (or pass --fresh)`,
    );
  });
});
