import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listChecks, USAGE } from "../src/index.js";
import { SOURCE_DOCUMENTS, SOURCE_LABELS } from "../src/sources.js";

const PACKAGE = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFile(path.resolve(PACKAGE, file), "utf8");

describe("README.md", () => {
  it("lists every check of each profile, in run order, with its rule, level, source, clause and features", async () => {
    const readme = await read("README.md");
    const cell = "((?:[^|\\\\]|\\\\\\|)+?)";
    const row = new RegExp(
      `^\\| \`([A-Z0-9-]+)\` +\\| ${cell} +\\| (contract|recommendation) +\\| ${cell} +\\| ${cell} +\\| ([a-z, —]+?) +\\|$`,
      "gm",
    );
    const unescape = (text: string | undefined) => (text ?? "").replace(/\\\|/g, "|");
    for (const profile of ["v0.9", "2020"] as const) {
      const section = readme.split(`### Profile \`${profile}\``)[1]?.split("### ")[0] ?? "";
      const rows = [...section.matchAll(row)].map((match) => [
        match[1],
        unescape(match[2]),
        match[3],
        match[4],
        unescape(match[5]),
        match[6],
      ]);
      expect(rows).toEqual(
        listChecks(profile).map((check) => [
          check.id,
          check.title,
          check.level,
          SOURCE_LABELS[check.source],
          check.clause,
          check.features.join(", ") || "—",
        ]),
      );
    }
  });

  it("grades exactly the kit's own rules as recommendations, and names every source it quotes", async () => {
    const readme = await read("README.md");
    for (const profile of ["v0.9", "2020"] as const) {
      for (const check of listChecks(profile)) {
        expect(check.level, check.id).toBe(check.source === "kit" ? "recommendation" : "contract");
        if (check.source !== "kit") expect(readme).toContain(SOURCE_DOCUMENTS[check.source].url);
      }
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
