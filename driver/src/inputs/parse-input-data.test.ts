import { describe, expect, it } from "vitest";
import { DriverError, ValidationError } from "../errors.js";
import { AccountSchema } from "./driver-inputs.js";
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

  it("quotes a value nested thousands of levels deep in a few characters", () => {
    const body = JSON.parse(
      `{"type":"redis","driver":{"values":{"engine":${"[".repeat(5000)}1${"]".repeat(5000)}}}}`,
    ) as unknown;
    const error = rejection(body);
    expect(error.code).toBe("RES-101");
    expect(error.publicMessage).toContain("driver.values.engine: Invalid option");
    expect(error.publicMessage).toContain("got [[[...]]]");
  });

  it("cuts a long key name in the field it reports", () => {
    const error = rejection({ type: "redis", driver: { values: { ["k".repeat(5000)]: 1 } } });
    expect(error.field).toHaveLength("driver.values.".length + 64);
    expect(error.publicMessage.length).toBeLessThan(500);
  });

  it("lists at most 20 problems one by one and counts the rest", () => {
    const values = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`unknown${i}`, i]));
    const error = rejection({ type: "redis", driver: { values } });
    expect(error.details?.issues).toHaveLength(20);
    expect(error.details?.more_issues).toBe(480);
    expect(error.publicMessage).toMatch(/\(and 499 more problems\)$/);
  });

  it("never echoes the name of an unknown key under driver.secrets, and still suggests the key meant", () => {
    const error = rejection({
      type: "redis",
      driver: { secrets: { "prod-password-hunter2": "x", acount: {} } },
    });
    expect(error.code).toBe("RES-102");
    expect(error.field).toBe("driver.secrets");
    expect(error.publicMessage).toMatch(/^driver\.secrets: 2 unknown keys \(names not shown/);
    expect(error.publicMessage).toContain('did you mean "account"?');
    const everything = JSON.stringify({ m: error.publicMessage, d: error.details });
    expect(everything).not.toContain("hunter2");
    expect(everything).not.toContain("acount");
  });

  it("never echoes the name of an unknown key inside the account", () => {
    const error = rejection({
      type: "redis",
      driver: {
        secrets: {
          account: {
            aws_access_key_id: "AKIAEXAMPLEEXAMPLE",
            aws_secret_access_key: "x".repeat(40),
            "AKIA-hunter2": "y",
          },
        },
      },
    });
    expect(error.field).toBe("driver.secrets.account");
    expect(JSON.stringify({ m: error.publicMessage, d: error.details })).not.toContain("hunter2");
  });

  it.each(["__proto__", "constructor", "prototype", "aws:cloudformation:stack-name", "AWS:x"])(
    "rejects the reserved tag key %s",
    (key) => {
      const body = JSON.parse(
        `{"type":"redis","driver":{"values":{"tags":{${JSON.stringify(key)}:"x","team":"a"}}}}`,
      ) as unknown;
      const error = rejection(body);
      expect(error.code).toBe("RES-101");
      expect(error.field).toBe(`driver.values.tags.${key}`);
      expect(error.publicMessage).toContain("is a reserved tag key");
    },
  );

  it("keeps an ordinary tag next to the reserved ones' rules", () => {
    expect(
      parseInputData({ type: "redis", driver: { values: { tags: { "team:a": "x" } } } }).driver.values.tags,
    ).toEqual({
      "team:a": "x",
    });
  });

  const issuesOf = (body: unknown) => (rejection(body) as ValidationError).issues;

  it("says a required field is missing instead of showing a value", () => {
    expect(rejection({ driver: {} }).publicMessage).toMatch(
      /^type: .* \(missing\)\. Fix: set it to the resource type; this driver serves "redis"$/,
    );
  });

  it("treats an id inside driver.values as an unknown key like any other", () => {
    expect(rejection({ type: "redis", driver: { values: { id: "x" } } }).publicMessage).toMatch(
      /^driver\.values\.id: unknown key\. Fix: remove it; keys accepted in driver\.values: deployment, shared_cache, engine,/,
    );
  });

  it("lists the keys of the body for an unknown key at the top", () => {
    expect(rejection({ type: "redis", colour: 1 }).publicMessage).toBe(
      "colour: unknown key. Fix: remove it; keys accepted in the body: type, resource, driver",
    );
  });

  it("puts the key meant in details and lists the accepted keys after the suggestion", () => {
    const [issue] = issuesOf({ type: "redis", driver: { values: { engnie: "redis" } } });
    expect(issue?.details).toEqual({ suggestion: "engine" });
    expect(issue?.publicMessage).toMatch(
      /Fix: did you mean "engine"\? Keys accepted in driver\.values: deployment, shared_cache, engine, engine_version, node_type,/,
    );
    expect(issuesOf({ type: "redis", colour: 1 })[0]?.details).toEqual({});
  });

  it("shows a wrong value of up to 60 characters whole and cuts a longer one", () => {
    const shown = (value: string) =>
      /got (.*)\. Fix:/.exec(
        rejection({ type: "redis", driver: { values: { engine: value } } }).publicMessage,
      )?.[1];
    expect(shown("a".repeat(58))).toBe(`"${"a".repeat(58)}"`);
    expect(shown("a".repeat(59))).toBe(`"${"a".repeat(56)}...`);
  });

  it("names a bad secret field and its rule without the value, and points to the schema", () => {
    const error = rejection({
      type: "redis",
      driver: {
        secrets: { account: { aws_access_key_id: "AKIAEXAMPLEEXAMPLE", aws_secret_access_key: "short" } },
      },
    });
    const rule = AccountSchema.shape.aws_secret_access_key.safeParse("short").error?.issues[0]?.message;
    expect(error.code).toBe("RES-107");
    expect(error.publicMessage).toBe(
      `driver.secrets.account.aws_secret_access_key: ${rule}. Fix: see the InputData schema at GET /openapi.json`,
    );
  });

  it.each([
    [
      undefined,
      'body: the request has no body. Fix: send InputData as JSON, e.g. {"type":"redis","driver":{"values":{}}}',
    ],
    [
      42,
      'body: expected a JSON object, got number. Fix: send InputData as a JSON object, e.g. {"type":"redis","driver":{"values":{}}}',
    ],
    [
      { type: "postgres" },
      'type: unsupported resource type "postgres". Fix: this driver provisions "redis" only; register it for that type',
    ],
  ])("tells how to fix %j", (body, message) => {
    expect(rejection(body).publicMessage).toBe(message);
  });
});
