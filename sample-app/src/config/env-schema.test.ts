import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ENV_SCHEMA } from "./env-schema.js";

describe("ENV_SCHEMA", () => {
  it("has every variable documented in the README's configuration table", async () => {
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    for (const name of Object.keys(ENV_SCHEMA.shape)) {
      expect(readme).toContain(`| \`${name}\``);
    }
  });
});
