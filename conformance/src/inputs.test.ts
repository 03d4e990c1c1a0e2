import path from "node:path";
import { describe, expect, it } from "vitest";
import { connectivityWanted, loadInputs, parseInputs, withChange } from "./inputs.js";

const example = (name: string) => path.resolve(import.meta.dirname, "../examples", name);

describe("inputs", () => {
  it("loads the example files", async () => {
    const local = await loadInputs(example("local-inputs.json"));
    expect(local).toMatchObject({ type: "redis", driver: { values: { tls: true } } });
    expect(connectivityWanted(local)).toBe(true);
    const minimal = await loadInputs(example("minimal-inputs.json"));
    expect(minimal).toEqual({ type: "postgres", driver: { values: { version: "16" }, secrets: {} } });
    expect(connectivityWanted(minimal)).toBe(false);
  });

  it("defaults driver values and secrets and turns connectivity off for other types", () => {
    const inputs = parseInputs({ type: "postgres" });
    expect(inputs.driver).toEqual({ values: {}, secrets: {} });
    expect(connectivityWanted(inputs)).toBe(false);
  });

  it("lists every problem with a path", () => {
    expect(() => parseInputs({ type: 1, driver: { values: [] }, extra: true })).toThrow(
      /type: Invalid input: expected string.*driver\.values: Invalid input: expected record.*\(root\): Unrecognized key: "extra"/,
    );
  });

  it("merges a change over the driver inputs, object by object", () => {
    const merged = withChange(
      { values: { a: 1, nested: { keep: true, swap: 1 }, list: [1] }, secrets: { account: { id: "x" } } },
      { values: { nested: { swap: 2 }, list: [2] } },
    );
    expect(merged).toEqual({
      values: { a: 1, nested: { keep: true, swap: 2 }, list: [2] },
      secrets: { account: { id: "x" } },
    });
  });

  it("says which file could not be read or parsed", async () => {
    await expect(loadInputs("/nonexistent/inputs.json")).rejects.toThrow(
      /cannot read inputs file \/nonexistent/,
    );
  });
});
