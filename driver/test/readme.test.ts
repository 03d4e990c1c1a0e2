import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, DriverInputsSchema, ERROR_CODES, UPDATABLE_FIELDS } from "../src/index.js";

const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");

describe("the README", () => {
  it("lists every error code with its status and title", () => {
    for (const [code, { status, title }] of Object.entries(ERROR_CODES)) {
      expect(readme).toContain(`| ${code} | ${status} | ${title} |`);
    }
  });

  it("lists every configuration variable with its default", () => {
    for (const [name, schema] of Object.entries(CONFIG_VARIABLES)) {
      const parsed = schema.safeParse(undefined);
      const shown = parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : "—";
      expect(readme).toContain(`| \`${name}\` | ${shown} |`);
    }
  });

  it("lists every driver input and whether it changes in place", () => {
    for (const key of Object.keys(DriverInputsSchema.shape)) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      expect(row?.endsWith(UPDATABLE_FIELDS.has(key as never) ? "| yes |" : "| no |"), key).toBe(true);
    }
  });
});
