import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listChecks } from "../src/index.js";

const read = (file: string) => readFile(path.resolve(import.meta.dirname, "..", file), "utf8");

describe("README.md", () => {
  it("lists every check of each profile, in run order, with its level and features", async () => {
    const readme = await read("README.md");
    for (const profile of ["v0.9", "2020"] as const) {
      const section = readme.split(`### Profile \`${profile}\``)[1]?.split("### ")[0] ?? "";
      const rows = [
        ...section.matchAll(/^\| `([A-Z0-9-]+)` +\|.*\| (core|optional) +\| ([a-z, —]+?) +\|$/gm),
      ].map((match) => [match[1], match[2], match[3]]);
      expect(rows).toEqual(
        listChecks(profile).map((check) => [check.id, check.level, check.features.join(", ") || "—"]),
      );
    }
  });

  it("shows the example inputs file as it is", async () => {
    const readme = await read("README.md");
    const example = JSON.parse(await read("examples/local-inputs.json")) as unknown;
    const shown = readme.split("## The inputs file")[1]?.match(/```json\n([\s\S]*?)```/)?.[1] ?? "";
    expect(JSON.parse(shown)).toEqual(example);
  });
});
