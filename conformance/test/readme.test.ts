import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listChecks, USAGE } from "../src/index.js";

const PACKAGE = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFile(path.resolve(PACKAGE, file), "utf8");

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

  it("shows each example inputs file as it is, after the link to it", async () => {
    const readme = await read("README.md");
    const examples = await readdir(path.join(PACKAGE, "examples"));
    expect(examples.sort()).toEqual(["elasticache-inputs.json", "local-inputs.json", "minimal-inputs.json"]);
    for (const name of examples) {
      const link = `[\`examples/${name}\`](examples/${name})`;
      const shown = readme.split(link)[1]?.match(/```json\n([\s\S]*?)```/)?.[1] ?? "";
      expect(JSON.parse(shown), name).toEqual(JSON.parse(await read(`examples/${name}`)));
    }
  });

  it("documents every option of the CLI", async () => {
    const readme = await read("README.md");
    const flags = [...USAGE.matchAll(/^ {2}(--[a-z-]+)/gm)].map((match) => match[1]);
    expect(flags.length).toBeGreaterThan(10);
    for (const flag of flags) expect(readme, flag).toMatch(new RegExp(`^\\| \`${flag}[ \`]`, "m"));
  });

  it("documents every input of the GitHub action", async () => {
    const readme = await read("README.md");
    const action = await read("../.github/actions/driver-conformance/action.yml");
    const inputs = [
      ...(action.split("\ninputs:\n")[1]?.split("\noutputs:\n")[0] ?? "").matchAll(/^ {2}([a-z-]+):$/gm),
    ];
    const table = readme.split("## In GitHub Actions")[1]?.split("\n## ")[0] ?? "";
    expect(inputs.length).toBeGreaterThan(10);
    for (const [, input] of inputs) expect(table, input).toContain(`\`${input}\``);
  });
});
