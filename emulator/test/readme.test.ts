import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ALL_ACTIONS } from "../src/actions/all-actions.js";
import { EmulatorEnvSchema } from "../src/config/load-emulator-config.js";

const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");

/** The trimmed cells of the README table row whose first cell is `first`. */
function row(first: string): string[] | undefined {
  for (const line of readme.split("\n")) {
    if (!line.startsWith("|")) continue;
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells[0] === first) return cells;
  }
  return undefined;
}

describe("the emulator's README", () => {
  it("lists every environment variable with its default and description", () => {
    for (const [name, schema] of Object.entries(EmulatorEnvSchema.shape)) {
      if (schema.description === undefined) continue;
      const parsed = schema.safeParse(undefined);
      const shown = parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : "—";
      expect(row(`\`${name}\``), name).toEqual([`\`${name}\``, shown, schema.description]);
    }
  });

  it("lists exactly the actions the endpoint answers", () => {
    const section = readme.split("## Actions")[1]?.split("\n## ")[0] ?? "";
    const table = section
      .split("\n")
      .filter((line) => line.startsWith("|"))
      .join("\n");
    const listed = [...table.matchAll(/`([A-Z][A-Za-z]+)`/g)].map((match) => match[1]);
    expect(new Set(listed)).toEqual(new Set(Object.keys(ALL_ACTIONS)));
  });
});
