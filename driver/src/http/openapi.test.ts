import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { driverInputsJsonSchema, openApiDocument } from "./openapi.js";

const ajv = new Ajv2020({ strict: false, allErrors: true });

describe("openApiDocument", () => {
  const document = openApiDocument("/redis") as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, object> };
  };

  it("is OpenAPI 3.1 with the three contract methods under the base path", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(["/redis/{guresid}"]);
    expect(Object.keys(document.paths["/redis/{guresid}"]!)).toEqual(["parameters", "put", "get", "delete"]);
  });

  it("describes InputData with the same rules the handlers enforce", () => {
    const validate = ajv.compile(document.components.schemas.InputData!);
    expect(validate({ type: "redis", driver: { values: { engine: "redis", replicas: 2 } } })).toBe(true);
    expect(validate({ type: "redis", driver: { values: { engine: "memcache" } } })).toBe(false);
    expect(validate({ type: "redis", driver: { values: { engnie: "redis" } } })).toBe(false);
    expect(validate({ type: "redis", id: "abc" })).toBe(false);
  });

  it("describes the Error body with the RES-1xx pattern", () => {
    const validate = ajv.compile(document.components.schemas.Error!);
    expect(validate({ error: "RES-101", message: "x" })).toBe(true);
    expect(validate({ error: "E1", message: "x" })).toBe(false);
  });
});

describe("driverInputsJsonSchema", () => {
  it("has Humanitec's inputs_schema shape and rejects unknown keys", () => {
    const schema = driverInputsJsonSchema();
    expect(schema).toMatchObject({
      type: "object",
      properties: { values: { type: "object" }, secrets: { type: "object" } },
    });
    const validate = ajv.compile(schema);
    expect(validate({ values: { tls: false, tags: { team: "cache" } }, secrets: {} })).toBe(true);
    expect(validate({ values: { tls: "no" } })).toBe(false);
    expect(validate({ values: { colour: "blue" } })).toBe(false);
  });
});
