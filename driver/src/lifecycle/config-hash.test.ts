import { describe, expect, it } from "vitest";
import { DriverInputsSchema } from "../inputs/driver-inputs.js";
import { changedFields, configHash } from "./config-hash.js";

describe("configHash", () => {
  it("ignores key order and equals for equal inputs", () => {
    const a = DriverInputsSchema.parse({ tags: { a: "1", b: "2" }, engine: "redis" });
    const b = DriverInputsSchema.parse({ engine: "redis", tags: { b: "2", a: "1" } });
    expect(configHash(a)).toBe(configHash(b));
    expect(configHash(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("differs when a value differs and names the changed fields", () => {
    const a = DriverInputsSchema.parse({});
    const b = DriverInputsSchema.parse({ replicas: 1, tags: { a: "1" } });
    expect(configHash(a)).not.toBe(configHash(b));
    expect(changedFields(a, b)).toEqual(["replicas", "tags"]);
  });
});
