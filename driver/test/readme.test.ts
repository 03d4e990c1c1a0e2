import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, DriverInputsSchema, ERROR_CODES, PROVISIONERS } from "../src/index.js";
import type { DriverInputsIn } from "../src/inputs/driver-inputs.js";
import { elasticacheCapabilities } from "../src/provisioners/elasticache/elasticache-capabilities.js";
import { localCapabilities } from "../src/provisioners/local/local-capabilities.js";

const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");

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

describe("the README", () => {
  it("lists every error code with its status and title", () => {
    for (const [code, { status, title }] of Object.entries(ERROR_CODES)) {
      expect(row(code), code).toEqual([code, String(status), title]);
    }
  });

  it("lists every configuration variable, the driver's and each provisioner's, with its default", () => {
    const provisionerVariables = Object.values(PROVISIONERS).flatMap((module) =>
      Object.entries(module.settings.shape),
    );
    for (const [name, schema] of [...Object.entries(CONFIG_VARIABLES), ...provisionerVariables]) {
      const parsed = schema.safeParse(undefined);
      const shown = parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : "—";
      expect(row(`\`${name}\``)?.[1], name).toBe(shown);
    }
  });

  it("lists every driver input and whether each provisioner (and each ElastiCache deployment) changes it in place", () => {
    const header = row("Key") ?? [];
    const inputs = (values: DriverInputsIn) => DriverInputsSchema.parse(values);
    const columns: [string, ReadonlySet<string>][] = [
      [
        "In place (local)",
        localCapabilities("process", { createDelayMs: 0, deleteDelayMs: 0 }).updatableFields(inputs({})),
      ],
      ["In place (node-based)", elasticacheCapabilities.updatableFields(inputs({}))],
      [
        "In place (serverless)",
        elasticacheCapabilities.updatableFields(inputs({ deployment: "serverless" })),
      ],
      [
        "In place (shared)",
        elasticacheCapabilities.updatableFields(inputs({ deployment: "shared", shared_cache: "c" })),
      ],
    ];
    for (const [title, updatable] of columns) {
      const column = header.indexOf(title);
      expect(column, title).toBeGreaterThan(1);
      for (const key of Object.keys(DriverInputsSchema.shape)) {
        expect(row(`\`${key}\``)?.[column], `${title}: ${key}`).toBe(updatable.has(key) ? "yes" : "no");
      }
    }
  });

  it('names every registered provisioner in an "Adding a provisioner" section', () => {
    const section = readme.split("### Adding a provisioner")[1]?.split("\n## ")[0] ?? "";
    expect(section).not.toBe("");
    for (const name of Object.keys(PROVISIONERS)) expect(readme).toContain(`DRIVER_PROVISIONER=${name}`);
  });
});
