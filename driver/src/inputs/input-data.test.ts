import { describe, expect, it } from "vitest";
import { buildOutputs } from "../lifecycle/outputs.js";
import { progressHint } from "../lifecycle/progress-hint.js";
import {
  ErrorBodySchema,
  GURESID_MAX_LENGTH,
  GURESID_PATTERN,
  InputDataSchema,
  OutputDataSchema,
  ProgressHintSchema,
  RESOURCE_TYPE,
} from "./input-data.js";

describe("GURESID_PATTERN", () => {
  it.each(["abc", "a-b", "0123456789abcdef0123456789abcdef01234567", "app-redis-01"])("accepts %s", (id) => {
    expect(GURESID_PATTERN.test(id)).toBe(true);
  });

  it.each(["", "ab", "-abc", "abc-", "ABC", "a_b", " abc", "abc ", "abc\n", "a.b"])("rejects %j", (id) => {
    expect(GURESID_PATTERN.test(id)).toBe(false);
  });

  it("caps ids at 128 characters", () => {
    expect(GURESID_MAX_LENGTH).toBe(128);
  });
});

describe("InputDataSchema", () => {
  it("applies the defaults when driver, values or secrets are left out", () => {
    const minimal = InputDataSchema.parse({ type: RESOURCE_TYPE });
    expect(minimal.driver.secrets).toEqual({});
    expect(minimal.driver.values).toMatchObject({ engine: "valkey", tls: true });
    expect(InputDataSchema.parse({ type: "redis", driver: {} }).driver).toEqual(minimal.driver);
  });

  it("takes resource inputs as an object or null, and nothing else at the top", () => {
    expect(InputDataSchema.safeParse({ type: "redis", resource: null }).success).toBe(true);
    expect(InputDataSchema.safeParse({ type: "redis", resource: { a: 1 } }).success).toBe(true);
    expect(InputDataSchema.safeParse({ type: "redis", resource: "x" }).success).toBe(false);
    expect(InputDataSchema.safeParse({ type: "redis", id: "abc" }).success).toBe(false);
    expect(InputDataSchema.safeParse({ type: "redis", driver: { extra: {} } }).success).toBe(false);
    expect(InputDataSchema.safeParse({}).success).toBe(false);
  });
});

/** The schemas the OpenAPI document publishes must accept what the driver really answers. */
describe("answer schemas", () => {
  const NOW = new Date("2026-11-24T10:00:00Z");

  it("OutputData accepts a ready resource's answer, with and without a CA, and only for redis", () => {
    const resource = buildOutputs(
      { host: "h", port: 6379, tls: true, username: "u", caCertificate: "PEM" },
      "pw",
    );
    const answer = { id: "abc", type: "redis", resource, manifests: [] };
    expect(OutputDataSchema.parse(answer)).toEqual(answer);
    const plain = buildOutputs({ host: "h", port: 6379, tls: false, username: "u" }, "pw");
    expect(OutputDataSchema.safeParse({ ...answer, resource: plain }).success).toBe(true);
    expect(OutputDataSchema.safeParse({ ...answer, type: "postgres" }).success).toBe(false);
    expect(OutputDataSchema.safeParse({ ...answer, resource: { ...resource, secrets: {} } }).success).toBe(
      false,
    );
    expect(
      OutputDataSchema.safeParse({
        ...answer,
        manifests: [{ location: "namespace", data: { kind: "Secret" } }],
      }).success,
    ).toBe(true);
  });

  it("AsyncProgressHint accepts the hints the lifecycle builds and rejects times that are not ISO 8601", () => {
    for (const hint of [
      progressHint("creating", NOW),
      progressHint("updating", NOW, { since: NOW, estimatedSeconds: 60, timeoutMs: 60_000 }),
      progressHint("deleting", NOW, { since: NOW, estimatedSeconds: 1, timeoutMs: 1 }),
    ]) {
      expect(ProgressHintSchema.parse(hint)).toEqual(hint);
    }
    expect(ProgressHintSchema.safeParse({ status: "available" }).success).toBe(false);
    expect(ProgressHintSchema.safeParse({ current_time: "yesterday" }).success).toBe(false);
    expect(ProgressHintSchema.safeParse({ estimated_completion_time: "2026-11-24" }).success).toBe(false);
    expect(ProgressHintSchema.safeParse({ timeout: "10:00" }).success).toBe(false);
  });

  it("Error accepts RES-100 to RES-199 only", () => {
    const body = (error: string) => ErrorBodySchema.safeParse({ error, message: "m" }).success;
    expect(body("RES-100")).toBe(true);
    expect(body("RES-199")).toBe(true);
    expect(ErrorBodySchema.safeParse({ error: "RES-101", message: "m", details: { a: 1 } }).success).toBe(
      true,
    );
    for (const code of ["RES-200", "RES-1000", "XRES-101", "RES-101 ", "RES-10", "RES-1a1"]) {
      expect(body(code), code).toBe(false);
    }
  });
});

describe("published schemas", () => {
  it("describe themselves and the fields a reader may wonder about", () => {
    const described = (schema: { description?: string | undefined }) => schema.description ?? "";
    expect(described(InputDataSchema)).toMatch(/InputData/);
    expect(described(InputDataSchema.shape.resource)).toMatch(/resource inputs/);
    expect(described(InputDataSchema.shape.type)).toMatch(/"redis"/);
    expect(described(OutputDataSchema)).toMatch(/OutputData/);
    expect(described(OutputDataSchema.shape.resource.shape.values.shape.ca_certificate)).toMatch(/PEM/);
    expect(described(ProgressHintSchema)).toMatch(/AsyncProgressHint/);
    expect(described(ErrorBodySchema)).toMatch(/Error/);
  });
});
