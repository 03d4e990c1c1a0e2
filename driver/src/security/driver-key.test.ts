import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveDriverKey } from "./driver-key.js";

describe("resolveDriverKey", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "driver-key-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("returns a configured key as is", async () => {
    expect(await resolveDriverKey({ kind: "value", value: "v".repeat(40) })).toBe("v".repeat(40));
  });

  it("generates a 64-hex key once, readable by its owner only, and returns the same one after", async () => {
    const file = path.join(dir, "state", "driver-key");
    const key = await resolveDriverKey({ kind: "file", path: file, create: true });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await resolveDriverKey({ kind: "file", path: file, create: true })).toBe(key);
  });

  it("gives every one of several drivers starting at once the same key", async () => {
    const file = path.join(dir, "driver-key");
    const keys = await Promise.all(
      Array.from({ length: 10 }, () => resolveDriverKey({ kind: "file", path: file, create: true })),
    );
    expect(new Set(keys).size).toBe(1);
    expect((await readFile(file, "utf8")).trim()).toBe(keys[0]);
  });

  it("refuses a configured key file that is missing or too short", async () => {
    const file = path.join(dir, "configured");
    await expect(resolveDriverKey({ kind: "file", path: file, create: false })).rejects.toThrow(
      /does not exist/,
    );
    await writeFile(file, "short\n");
    await expect(resolveDriverKey({ kind: "file", path: file, create: false })).rejects.toThrow(
      /fewer than 32 characters/,
    );
  });
});
