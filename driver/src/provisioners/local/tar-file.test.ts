import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { firstFileInTar } from "./tar-file.js";

test("firstFileInTar returns the file inside an archive made by tar", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "tar-file-"));
  try {
    const content = Buffer.concat([Buffer.from("REDIS0010"), Buffer.alloc(1500, 7)]);
    await writeFile(path.join(dir, "dump.rdb"), content);
    await promisify(execFile)("tar", ["--format=pax", "-cf", "archive.tar", "dump.rdb"], { cwd: dir });
    expect(firstFileInTar(await readFile(path.join(dir, "archive.tar")))).toEqual(content);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("firstFileInTar rejects an archive without a file", () => {
  expect(() => firstFileInTar(Buffer.alloc(1024))).toThrow(/no regular file/);
});
