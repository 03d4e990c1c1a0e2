import { describe, expect, it } from "vitest";
import { DriverError, ValidationError } from "../errors.js";
import { parseInputData } from "./parse-input-data.js";

function rejection(body: unknown): DriverError {
  try {
    parseInputData(body);
  } catch (error) {
    if (error instanceof DriverError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("parseInputData", () => {
  it("applies defaults to a minimal body", () => {
    const input = parseInputData({ type: "redis" });
    expect(input.driver.values).toMatchObject({
      engine: "valkey",
      mode: "standalone",
      tls: true,
      replicas: 0,
      auth_generation: 0,
      deletion_policy: "delete",
    });
    expect(input.driver.secrets).toEqual({});
  });

  it("accepts a full body with account secrets and a null resource", () => {
    const input = parseInputData({
      type: "redis",
      resource: null,
      driver: {
        values: { engine: "redis", engine_version: "7.1", tls: false, tags: { team: "a" } },
        secrets: {
          account: { aws_access_key_id: "AKIAEXAMPLEEXAMPLE", aws_secret_access_key: "x".repeat(40) },
        },
      },
    });
    expect(input.driver.values.engine).toBe("redis");
    expect(input.driver.secrets.account?.aws_access_key_id).toBe("AKIAEXAMPLEEXAMPLE");
  });

  it("names the field, the problem, the value and the fix for a bad enum", () => {
    const error = rejection({ type: "redis", driver: { values: { engine: "memcache" } } });
    expect(error.code).toBe("RES-101");
    expect(error.publicMessage).toMatch(
      /^driver\.values\.engine: .*"valkey".*"redis".*got "memcache"\. Fix: set it to/,
    );
  });

  it("suggests the key meant for a near-miss", () => {
    const error = rejection({ type: "redis", driver: { values: { engnie: "redis" } } });
    expect(error.code).toBe("RES-102");
    expect(error.field).toBe("driver.values.engnie");
    expect(error.publicMessage).toMatch(/did you mean "engine"\?/);
  });

  it("lists accepted keys for an unknown key that resembles nothing", () => {
    const error = rejection({ type: "redis", driver: { values: { colour: "blue" } } });
    expect(error.publicMessage).toMatch(
      /remove it; keys accepted in driver\.values: deployment, shared_cache, engine, engine_version/,
    );
  });

  it("explains that the id belongs in the path", () => {
    expect(rejection({ type: "redis", id: "abc" }).publicMessage).toMatch(
      /^id: unknown key\. Fix: .*URL path/,
    );
  });

  it("rejects another resource type with RES-104 first", () => {
    const error = rejection({ type: "postgres", driver: { values: { replicas: "2" } } });
    expect(error.code).toBe("RES-104");
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toHaveLength(2);
    expect(error.publicMessage).toMatch(/and 1 more problem/);
  });

  it.each([
    [undefined, /no body/],
    [[], /got an array/],
    ["redis", /got string/],
    [null, /got null/],
  ])("rejects a body that is not an object: %j", (body, message) => {
    const error = rejection(body);
    expect(error.code).toBe("RES-107");
    expect(error.publicMessage).toMatch(message);
  });

  it("never echoes a secret value", () => {
    const error = rejection({
      type: "redis",
      driver: { secrets: { account: { aws_access_key_id: 12345, aws_secret_access_key: "tiny-secret" } } },
    });
    expect(error.publicMessage).toContain("driver.secrets.account");
    expect(JSON.stringify({ m: error.publicMessage, d: error.details })).not.toContain("tiny-secret");
    expect(JSON.stringify({ m: error.publicMessage, d: error.details })).not.toContain("12345");
  });
});
