import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/** Packages a module imports at load time (static imports and re-exports; `import type` and `import()` excluded). */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?"([^"]+)";/gm)) {
      const target = match[1] ?? "";
      if (target.startsWith(".")) visit(path.resolve(path.dirname(file), target.replace(/\.js$/, ".ts")));
      else
        packages.add(
          target.startsWith("@") ? target.split("/").slice(0, 2).join("/") : (target.split("/")[0] ?? ""),
        );
    }
  };
  visit(path.join(SRC, entry));
  return { files, packages };
}

describe("provisioners load lazily", () => {
  it("the driver's entry point loads no provisioner's backend libraries until one is chosen", () => {
    const { files, packages } = staticGraph("main.ts");
    expect(files.has(path.join(SRC, "provisioners/registry.ts"))).toBe(true);
    expect(packages).not.toContain("testcontainers");
    expect(packages).not.toContain("redis");
    expect([...packages].filter((name) => name.startsWith("@aws-sdk"))).toEqual([]);
    expect([...files].filter((file) => file.endsWith("local-provisioner.ts"))).toEqual([]);
  });

  it("the local provisioner's implementation does load its runtimes (the check above can fail)", () => {
    expect(staticGraph("provisioners/local/local-provisioner.ts").packages).toContain("testcontainers");
  });
});
