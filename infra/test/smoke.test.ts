import { expect, it } from "vitest";
import { runProgram } from "./support/run-program.js";

it("runs", async () => {
  const run = await runProgram({ "aws:region": "us-east-1", "elasticache-driver-kit:imageTag": "0.1.0" });
  console.log(run.resources.map((r) => `${r.type} ${r.name}`).join("\n"));
  console.log(JSON.stringify(run.outputs, null, 1).slice(0, 3000), run.secretOutputs);
  expect(run.resources.length).toBeGreaterThan(0);
});
