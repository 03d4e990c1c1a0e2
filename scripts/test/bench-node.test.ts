import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "@elasticache-driver-kit/e2e";
import { describe, expect, it } from "vitest";
import { IMAGE_NODE_MAJOR } from "../bench/on-node.js";

describe("the benchmarks' default Node.js", () => {
  it.each(["driver/Dockerfile", "sample-app/Dockerfile"])("is the major %s runs on", (dockerfile) => {
    const text = readFileSync(path.join(REPO_ROOT, dockerfile), "utf8");
    const image = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(text);
    expect(image?.[1], `ARG NODE_IMAGE in ${dockerfile}`).toBe(String(IMAGE_NODE_MAJOR));
  });
});
