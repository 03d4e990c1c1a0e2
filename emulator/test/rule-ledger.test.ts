import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { LEDGER_END, LEDGER_START, RULES, renderRuleLedger } from "../src/rules/rule-ledger.js";

const packageRoot = new URL("../", import.meta.url);
const readme = await readFile(new URL("README.md", packageRoot), "utf8");

/** Table text without the column padding Prettier adds. */
const normalised = (table: string) =>
  table
    .trim()
    .split("\n")
    .map((line) => line.replace(/\s*\|\s*/g, "|").replace(/-{3,}/g, "---"))
    .join("\n");

describe("the rule ledger", () => {
  it("stands in the README exactly as rendered from the code", () => {
    const section = readme.split(LEDGER_START)[1]?.split(LEDGER_END)[0] ?? "";
    expect(normalised(section)).toBe(normalised(renderRuleLedger()));
  });

  it("names, for every rule, a source and a test that exists", async () => {
    const ids = new Set<string>();
    for (const rule of RULES) {
      expect(ids.has(rule.id), `${rule.id} twice`).toBe(false);
      ids.add(rule.id);
      expect(rule.source, rule.id).toMatch(/https:\/\//);
      const text = await readFile(new URL(rule.test.file, packageRoot), "utf8");
      expect(text.includes(`"${rule.test.name}"`), `${rule.id}: no test "${rule.test.name}"`).toBe(true);
    }
  });
});
