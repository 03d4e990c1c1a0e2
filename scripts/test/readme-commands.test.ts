import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, run } from "./run-kit.js";

const readme = await readFile(path.join(REPO, "README.md"), "utf8");
/** The README and the pages of docs/ it leads to: their commands are run as written too. */
const pages = [
  readme,
  ...(await Promise.all(
    (await readdir(path.join(REPO, "docs")))
      .filter((name) => name.endsWith(".md"))
      .map((name) => readFile(path.join(REPO, "docs", name), "utf8")),
  )),
].join("\n");
const { scripts } = JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};

/** The command lines of the shell blocks, comments and continuations left out. */
const shellLines = [...pages.matchAll(/```sh\n([^]*?)```/g)].flatMap(([, block = ""]) =>
  block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("[")),
);

/** Every script a user is told to run with `npm run <name>` (or `npm test`) and that takes options. */
const CLIS = [
  "up",
  "down",
  "janitor",
  "register",
  "driver",
  "sample-app",
  "bench",
  "bench:profile",
  "soak",
  "schema",
  "conformance",
  "lifecycle",
  "setup",
  "test",
];

describe("the commands of the README and docs/", () => {
  it("work with npm alone: no shell line needs pnpm on the PATH, and every npm run names a script", () => {
    expect(shellLines.length).toBeGreaterThan(5);
    for (const line of shellLines) expect(line, line).not.toMatch(/^pnpm /);
    // `npm run -s name`: npm's own flag before the script's name.
    const named = [...pages.matchAll(/npm run (?:-s |--silent )?([a-z][a-z0-9:-]*)/g)].map(
      ([, name]) => name ?? "",
    );
    expect(named.length).toBeGreaterThan(5);
    for (const name of named) expect(Object.keys(scripts), `npm run ${name}`).toContain(name);
  });

  it.each(CLIS)("npm run %s -- --help prints its usage and exits 0", async (name) => {
    const { code, stdout, stderr } = await run("npm", ["run", "--silent", name, "--", "--help"]);
    expect(stderr).not.toMatch(/\n\s+at |Error:/);
    expect(stdout).toMatch(/^Usage: /);
    expect(code).toBe(0);
  });
});
