import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, DriverInputsSchema, ERROR_CODES, PROVISIONERS } from "../src/index.js";
import type { DriverInputsIn } from "../src/inputs/driver-inputs.js";
import { elasticacheCapabilities } from "../src/provisioners/elasticache/elasticache-capabilities.js";
import { localCapabilities } from "../src/provisioners/local/local-capabilities.js";

const page = (name: string) => readFile(new URL(`../../docs/${name}`, import.meta.url), "utf8");
const reference = await page("driver-reference.md");
const configuration = await page("configuration.md");

/** The trimmed cells of the table row in `text` whose first cell is `first`. */
function row(text: string, first: string): string[] | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) continue;
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells[0] === first) return cells;
  }
  return undefined;
}

describe("the driver's reference pages (docs/)", () => {
  it("driver-reference.md lists every error code with its status and title", () => {
    for (const [code, { status, title }] of Object.entries(ERROR_CODES)) {
      expect(row(reference, code), code).toEqual([code, String(status), title]);
    }
  });

  it("configuration.md lists every configuration variable, the driver's and each provisioner's, with its default", () => {
    const provisionerVariables = Object.values(PROVISIONERS).flatMap((module) =>
      Object.entries(module.settings.shape),
    );
    for (const [name, schema] of [...Object.entries(CONFIG_VARIABLES), ...provisionerVariables]) {
      const parsed = schema.safeParse(undefined);
      const shown = parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : "—";
      expect(row(configuration, `\`${name}\``)?.[1], name).toBe(shown);
    }
  });

  it("driver-reference.md lists every driver input and whether each provisioner (and each ElastiCache deployment) changes it in place", () => {
    const header = row(reference, "Key") ?? [];
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
        expect(row(reference, `\`${key}\``)?.[column], `${title}: ${key}`).toBe(
          updatable.has(key) ? "yes" : "no",
        );
      }
    }
  });

  it('driver-reference.md has an "Adding a provisioner" section, and the pages name every registered provisioner', async () => {
    const section = reference.split("\n## Adding a provisioner\n")[1]?.split("\n## ")[0] ?? "";
    expect(section).not.toBe("");
    const pages = `${reference}\n${configuration}\n${await page("elasticache.md")}`;
    for (const name of Object.keys(PROVISIONERS)) expect(pages).toContain(`DRIVER_PROVISIONER=${name}`);
  });
});
