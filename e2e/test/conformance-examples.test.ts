import path from "node:path";
import { loadInputs } from "@elasticache-driver-kit/conformance";
import { DriverInputsSchema, DriverSecretsSchema } from "@elasticache-driver-kit/driver";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/index.js";

const example = (name: string) => path.join(REPO_ROOT, "conformance/examples", name);

describe("the conformance suite's example inputs for this driver", () => {
  it.each(["local-inputs.json", "elasticache-inputs.json"])(
    "%s holds driver inputs this driver accepts, also with its update and conflict changes",
    async (name) => {
      const inputs = await loadInputs(example(name));
      expect(inputs.type).toBe("redis");
      for (const change of [{}, inputs.update?.values, inputs.conflict?.values]) {
        const values = DriverInputsSchema.safeParse({ ...inputs.driver.values, ...change });
        expect(values.error?.issues ?? []).toEqual([]);
      }
      const secrets = DriverSecretsSchema.safeParse(inputs.driver.secrets);
      expect(secrets.error?.issues ?? []).toEqual([]);
      expect(inputs.update?.values).not.toEqual(inputs.conflict?.values);
    },
  );

  it("elasticache-inputs.json asks for a user on an existing cache", async () => {
    const inputs = await loadInputs(example("elasticache-inputs.json"));
    expect(DriverInputsSchema.parse(inputs.driver.values)).toMatchObject({
      deployment: "shared",
      shared_cache: "team-cache",
    });
  });
});
