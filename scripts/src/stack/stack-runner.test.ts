import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INFRA_PROJECT, infraKey } from "./stack-runner.js";

describe("the infra project", () => {
  it("is named as the scripts prefix its configuration keys", async () => {
    const project = await readFile(path.join(import.meta.dirname, "../../../infra/Pulumi.yaml"), "utf8");
    expect(/^name: (.+)$/m.exec(project)?.[1]).toBe(INFRA_PROJECT);
    expect(infraKey("imageTag")).toBe("elasticache-driver-kit:imageTag");
  });
});
