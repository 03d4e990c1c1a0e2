import { describe, expect, it } from "vitest";
import { DriverInputsSchema, type DriverInputs } from "../inputs/driver-inputs.js";
import { changedFields, configHash } from "./config-hash.js";

const spec = (values: Record<string, unknown>): DriverInputs => DriverInputsSchema.parse(values);

describe("configHash", () => {
  it("ignores key order and equals for equal inputs", () => {
    const a = spec({ tags: { a: "1", b: "2" }, engine: "redis" });
    const b = spec({ engine: "redis", tags: { b: "2", a: "1" } });
    expect(configHash(a)).toBe(configHash(b));
    expect(configHash(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  /**
   * Computed apart from this code: the first 16 hex digits of SHA-256 over compact JSON with the
   * keys of every object sorted. The hash travels in cookies and backend tags, so it must not drift
   * between releases.
   */
  it.each([
    [{}, "2d43654aa93a6e9d"],
    [
      {
        tags: { team: "cache", env: "prod" },
        networking: {
          port: 6380,
          security_group_ids: ["sg-0000000b", "sg-0000000a"],
          subnet_group: "cache-subnets",
        },
      },
      "23bdd4ead669a30c",
    ],
  ])("gives the pinned hash for %j", (values, expected) => {
    expect(configHash(spec(values))).toBe(expected);
  });

  it("sorts keys inside nested objects but keeps the order of lists", () => {
    const a = spec({
      networking: { port: 6380, subnet_group: "s", security_group_ids: ["sg-0000000a", "sg-0000000b"] },
    });
    const b = spec({
      networking: { security_group_ids: ["sg-0000000a", "sg-0000000b"], subnet_group: "s", port: 6380 },
    });
    const swapped = spec({
      networking: { port: 6380, subnet_group: "s", security_group_ids: ["sg-0000000b", "sg-0000000a"] },
    });
    expect(configHash(a)).toBe(configHash(b));
    expect(configHash(a)).not.toBe(configHash(swapped));
  });

  it("treats a key set to undefined like a missing key", () => {
    expect(configHash({ ...spec({}), username: undefined })).toBe(configHash(spec({})));
  });

  it("differs when a value differs and names the changed fields", () => {
    const a = spec({});
    const b = spec({ replicas: 1, tags: { a: "1" } });
    expect(configHash(a)).not.toBe(configHash(b));
    expect(changedFields(a, b)).toEqual(["replicas", "tags"]);
  });
});

describe("changedFields", () => {
  it("names nothing for equal inputs in any key order", () => {
    expect(changedFields(spec({ tags: { a: "1", b: "2" } }), spec({ tags: { b: "2", a: "1" } }))).toEqual([]);
  });

  it("names a field set on one side only, and a nested change by its top-level field, sorted", () => {
    const before = spec({ username: "app", networking: { port: 6380 } });
    const after = spec({ networking: { port: 6381 }, engine: "redis" });
    expect(changedFields(before, after)).toEqual(["engine", "networking", "username"]);
  });
});
