import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./run-kit.js";

/**
 * Pages the README and docs/ link to that are written beside this change, on other branches: a
 * link to one of them counts once the page exists, and until then only its name is checked.
 */
const PAGES_TO_COME = new Set(["docs/elasticache-rules.md", "docs/soak.md", "docs/cloud-bootstrap-aws.md"]);

const files = [
  "README.md",
  ...(await readdir(path.join(REPO, "docs"))).filter((n) => n.endsWith(".md")).map((n) => `docs/${n}`),
];
const texts = new Map(
  await Promise.all(
    files.map(async (file) => [file, await readFile(path.join(REPO, file), "utf8")] as const),
  ),
);

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

function anchorsOf(text: string): Set<string> {
  const withoutCode = text.replace(/```[^]*?```/g, "");
  return new Set([...withoutCode.matchAll(/^#+ (.+)$/gm)].map(([, heading]) => anchor(heading ?? "")));
}

/** Every relative link of a page: [text](target), outside code blocks, with its resolved file. */
function linksOf(file: string, text: string) {
  const withoutCode = text.replace(/```[^]*?```/g, "");
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target = ""]) => target)
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => {
      const [pathPart = "", hash] = target.split("#");
      const resolved =
        pathPart === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
      return { target, resolved, hash };
    });
}

describe("the links of the README and docs/", () => {
  it.each(files)("%s: every relative link reaches a file of the repository, and its heading", (file) => {
    const links = linksOf(file, texts.get(file) ?? "");
    for (const { target, resolved, hash } of links) {
      if (PAGES_TO_COME.has(resolved) && !existsSync(path.join(REPO, resolved))) continue;
      expect(existsSync(path.join(REPO, resolved)), `${file}: ${target}`).toBe(true);
      if (hash !== undefined && resolved.endsWith(".md") && texts.has(resolved)) {
        expect([...anchorsOf(texts.get(resolved) ?? "")], `${file}: ${target}`).toContain(hash);
      }
    }
  });

  it("the README is a front door: at most 200 lines, linking every page of docs/", () => {
    const readme = texts.get("README.md") ?? "";
    expect(readme.split("\n").length).toBeLessThanOrEqual(200);
    const linked = new Set(linksOf("README.md", readme).map(({ resolved }) => resolved));
    for (const file of files.filter((name) => name.startsWith("docs/")))
      expect([...linked], file).toContain(file);
    for (const file of PAGES_TO_COME) expect([...linked], file).toContain(file);
  });
});
