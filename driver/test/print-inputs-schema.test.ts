import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driverInputsJsonSchema } from "../src/http/openapi.js";

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, "../..");

describe("npm run schema", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "schema-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("with --out writes the schema itself, a relative path taken from where npm was run", async () => {
    await run("npm", ["run", "schema", "--prefix", REPO, "--", "--out", "inputs-schema.json"], { cwd: dir });

    const written: unknown = JSON.parse(await readFile(path.join(dir, "inputs-schema.json"), "utf8"));
    expect(written).toEqual(JSON.parse(JSON.stringify(driverInputsJsonSchema())));
  }, 60_000);

  it("with -s prints nothing but the schema, so `npm run -s schema > file` is JSON", async () => {
    const { stdout } = await run("npm", ["run", "-s", "schema"], { cwd: REPO });

    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(driverInputsJsonSchema())));
  }, 60_000);
});
