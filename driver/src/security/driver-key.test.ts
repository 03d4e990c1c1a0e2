import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
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

  it("leaves no draft behind, also when several drivers raced", async () => {
    const file = path.join(dir, "state", "driver-key");
    await Promise.all(
      Array.from({ length: 5 }, () => resolveDriverKey({ kind: "file", path: file, create: true })),
    );
    expect(await readdir(path.dirname(file))).toEqual(["driver-key"]);
  });

  it("reads a configured key file of 32 characters or more, trimmed", async () => {
    const file = path.join(dir, "configured");
    await writeFile(file, `${"a".repeat(32)}\n`);
    expect(await resolveDriverKey({ kind: "file", path: file, create: false })).toBe("a".repeat(32));
    expect(await resolveDriverKey({ kind: "file", path: file, create: true })).toBe("a".repeat(32));
  });

  it("refuses a configured key file that is missing or too short", async () => {
    const file = path.join(dir, "configured");
    await expect(resolveDriverKey({ kind: "file", path: file, create: false })).rejects.toThrow(
      `DRIVER_KEY_FILE ${file} does not exist`,
    );
    await writeFile(file, `${"a".repeat(31)}\n`);
    await expect(resolveDriverKey({ kind: "file", path: file, create: false })).rejects.toThrow(
      `DRIVER_KEY_FILE ${file} holds fewer than 32 characters`,
    );
  });

  it("refuses a generated key file that was cut short, rather than replacing the key", async () => {
    const file = path.join(dir, "driver-key");
    await writeFile(file, "");
    await expect(resolveDriverKey({ kind: "file", path: file, create: true })).rejects.toThrow(
      /^the generated driver key file .* holds fewer than 32 characters: put a longer key in it \(a new key changes every password/,
    );
    expect(await readFile(file, "utf8")).toBe("");
  });

  it("passes on a failure to read the key file", async () => {
    const file = path.join(dir, "a-directory");
    await mkdir(file);
    await expect(resolveDriverKey({ kind: "file", path: file, create: true })).rejects.toMatchObject({
      code: "EISDIR",
    });
  });

  it("names a key file that exists but cannot be read, such as a link to nothing", async () => {
    const file = path.join(dir, "driver-key");
    await symlink(path.join(dir, "nowhere"), file);
    await expect(resolveDriverKey({ kind: "file", path: file, create: true })).rejects.toThrow(
      `the generated driver key file ${file} exists but cannot be read (a link to nothing?): remove it or fix it`,
    );
    expect(await readdir(dir)).toEqual(["driver-key"]);
  });
});
