import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, newGuresid } from "./support/http.js";
import { startTestDriver, type TestDriver } from "./support/test-driver.js";

const TOKEN = "malformed-suite-token-0123456789";
const AUTH = { authorization: `Bearer ${TOKEN}` };
const JSON_TYPE = { "content-type": "application/json" };
const values = (v: Record<string, unknown>) => ({ type: "redis", driver: { values: v } });

const DEEP = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;

interface Case {
  name: string;
  method?: string;
  id?: string;
  /** The whole path from the origin, for requests outside `{base}/{guresid}`. */
  path?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** Text the message must contain: the field, usually. */
  mentions: string | RegExp;
}

const cases: Case[] = [
  // Resource ids
  {
    name: "uppercase id",
    id: "ABCDEF0123",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: "path.guresid",
  },
  {
    name: "underscore in id",
    id: "abc_def",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: "path.guresid",
  },
  {
    name: "leading hyphen",
    id: "-abcdef",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: "path.guresid",
  },
  {
    name: "trailing hyphen",
    id: "abcdef-",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: "path.guresid",
  },
  {
    name: "two-character id",
    id: "ab",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: "path.guresid",
  },
  {
    name: "129-character id",
    id: "a".repeat(129),
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: "at most 128",
  },
  {
    name: "dot in id",
    id: "abc.def",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: "path.guresid",
  },
  {
    name: "GET with a bad id",
    method: "GET",
    id: "Bad_Id",
    status: 400,
    code: "RES-103",
    mentions: "path.guresid",
  },
  {
    name: "DELETE with a bad id",
    method: "DELETE",
    id: "Bad_Id",
    status: 400,
    code: "RES-103",
    mentions: "path.guresid",
  },
  {
    name: "badly percent-encoded id",
    method: "GET",
    id: "abc%zz",
    status: 400,
    code: "RES-103",
    mentions: "path: the path is not valid percent-encoding",
  },
  {
    name: "badly percent-encoded PUT",
    id: "abc%e0%zz",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: "path: the path is not valid percent-encoding",
  },
  {
    name: "badly percent-encoded seed-profile id",
    method: "DELETE",
    path: "/2020/%zz",
    status: 400,
    code: "RES-103",
    mentions: "percent-encoding",
  },
  // Ids the driver's own routes shadow
  {
    name: "PUT healthz",
    id: "healthz",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: 'path.guresid: resource id "healthz" is reserved',
  },
  {
    name: "PUT readyz",
    id: "readyz",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: "reserved",
  },
  {
    name: "PUT metrics",
    id: "metrics",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: "reserved",
  },
  {
    name: "PUT the seed prefix",
    id: "2020",
    body: values({}),
    status: 400,
    code: "RES-103",
    mentions: 'resource id "2020" is reserved',
  },
  {
    name: "seed-profile POST of a reserved id",
    method: "POST",
    path: "/2020/",
    body: { id: "healthz", type: "redis" },
    status: 400,
    code: "RES-103",
    mentions: 'id: resource id "healthz" is reserved',
  },
  // Not JSON, not an object
  {
    name: "truncated JSON",
    raw: '{"type": "redis"',
    status: 400,
    code: "RES-100",
    mentions: "body: the body is not valid JSON",
  },
  { name: "single-quoted JSON", raw: "{'type':'redis'}", status: 400, code: "RES-100", mentions: "body" },
  { name: "empty body", raw: "", status: 400, code: "RES-107", mentions: "body: the request has no body" },
  { name: "JSON array", body: [], status: 400, code: "RES-107", mentions: "got an array" },
  { name: "JSON string", body: "redis", status: 400, code: "RES-107", mentions: "got string" },
  { name: "JSON null", raw: "null", status: 400, code: "RES-107", mentions: "body" },
  { name: "JSON number", raw: "42", status: 400, code: "RES-107", mentions: "got number" },
  // InputData shape
  { name: "missing type", body: { driver: { values: {} } }, status: 400, code: "RES-107", mentions: "type:" },
  { name: "numeric type", body: { type: 6379 }, status: 400, code: "RES-107", mentions: "type:" },
  {
    name: "other resource type",
    body: { type: "postgres" },
    status: 400,
    code: "RES-104",
    mentions: 'type: unsupported resource type "postgres"',
  },
  {
    name: "driver as a string",
    body: { type: "redis", driver: "x" },
    status: 400,
    code: "RES-107",
    mentions: "driver:",
  },
  {
    name: "values as an array",
    body: { type: "redis", driver: { values: [] } },
    status: 400,
    code: "RES-107",
    mentions: "driver.values:",
  },
  {
    name: "resource as a string",
    body: { type: "redis", resource: "x" },
    status: 400,
    code: "RES-107",
    mentions: "resource:",
  },
  // Driver input values
  {
    name: "unknown engine",
    body: values({ engine: "memcache" }),
    status: 400,
    code: "RES-101",
    mentions: 'driver.values.engine: Invalid option: expected one of "valkey"|"redis", got "memcache"',
  },
  {
    name: "numeric engine",
    body: values({ engine: 7 }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.engine",
  },
  {
    name: "replicas as a string",
    body: values({ replicas: "2" }),
    status: 400,
    code: "RES-101",
    mentions: 'driver.values.replicas: Invalid input: expected number, received string, got "2"',
  },
  {
    name: "negative replicas",
    body: values({ replicas: -1 }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.replicas",
  },
  {
    name: "fractional replicas",
    body: values({ replicas: 1.5 }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.replicas",
  },
  {
    name: "too many replicas",
    body: values({ replicas: 6 }),
    status: 400,
    code: "RES-101",
    mentions: "an integer from 0 to 5",
  },
  {
    name: "tls as a string",
    body: values({ tls: "yes" }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.tls",
  },
  {
    name: "node type without prefix",
    body: values({ node_type: "t3.micro" }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.node_type",
  },
  {
    name: "engine version word",
    body: values({ engine_version: "latest" }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.engine_version",
  },
  {
    name: "privileged port",
    body: values({ networking: { port: 80 } }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.networking.port",
  },
  {
    name: "security group name",
    body: values({ networking: { security_group_ids: ["default"] } }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.networking.security_group_ids.0",
  },
  {
    name: "41 tags",
    body: values({ tags: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`k${i}`, "v"])) }),
    status: 400,
    code: "RES-101",
    mentions: "at most 40 tags",
  },
  {
    name: "uppercase user name",
    body: values({ username: "Admin" }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.username",
  },
  {
    name: "negative auth generation",
    body: values({ auth_generation: -1 }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.auth_generation",
  },
  {
    name: "unknown deletion policy",
    body: values({ deletion_policy: "retain" }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.deletion_policy",
  },
  {
    name: "unknown mode",
    body: values({ mode: "sharded" }),
    status: 400,
    code: "RES-101",
    mentions: "driver.values.mode",
  },
  {
    name: "an invalid value nested 5000 levels deep",
    raw: `{"type":"redis","driver":{"values":{"engine":${DEEP(5000)}}}}`,
    status: 400,
    code: "RES-101",
    mentions: 'driver.values.engine: Invalid option: expected one of "valkey"|"redis", got [[[...]]]',
  },
  {
    name: "a tag value nested 5000 levels deep",
    raw: `{"type":"redis","driver":{"values":{"tags":{"team":${DEEP(5000)}}}}}`,
    status: 400,
    code: "RES-101",
    mentions: "driver.values.tags.team",
  },
  {
    name: "a __proto__ tag",
    raw: '{"type":"redis","driver":{"values":{"tags":{"__proto__":"x","team":"a"}}}}',
    status: 400,
    code: "RES-101",
    mentions: "driver.values.tags.__proto__: invalid key: is a reserved tag key",
  },
  {
    name: "an aws: tag",
    body: values({ tags: { "aws:createdBy": "me" } }),
    status: 400,
    code: "RES-101",
    mentions: "reserved tag key",
  },
  // Unknown and misspelt keys
  {
    name: "misspelt engine",
    body: values({ engnie: "redis" }),
    status: 400,
    code: "RES-102",
    mentions: 'driver.values.engnie: unknown key. Fix: did you mean "engine"?',
  },
  {
    name: "singular replica",
    body: values({ replica: 1 }),
    status: 400,
    code: "RES-102",
    mentions: 'did you mean "replicas"?',
  },
  {
    name: "tsl for tls",
    body: values({ tsl: true }),
    status: 400,
    code: "RES-102",
    mentions: 'did you mean "tls"?',
  },
  {
    name: "id in the body",
    body: { type: "redis", id: "abc" },
    status: 400,
    code: "RES-102",
    mentions: "URL path",
  },
  {
    name: "drivers for driver",
    body: { type: "redis", drivers: {} },
    status: 400,
    code: "RES-102",
    mentions: 'did you mean "driver"?',
  },
  {
    name: "value for values",
    body: { type: "redis", driver: { value: {} } },
    status: 400,
    code: "RES-102",
    mentions: 'driver.value: unknown key. Fix: did you mean "values"?',
  },
  {
    name: "acount for account",
    body: { type: "redis", driver: { secrets: { acount: {} } } },
    status: 400,
    code: "RES-102",
    mentions: 'did you mean "account"?',
  },
  {
    name: "a secret-looking key under driver.secrets, never echoed",
    body: { type: "redis", driver: { secrets: { "hunter2-prod-password": "x" } } },
    status: 400,
    code: "RES-102",
    mentions:
      /^driver\.secrets: an unknown key \(names not shown[^]*\. Fix: remove it; keys accepted in driver\.secrets: account$/,
  },
  {
    name: "subnetgroup",
    body: values({ networking: { subnetgroup: "x" } }),
    status: 400,
    code: "RES-102",
    mentions: 'did you mean "subnet_group"?',
  },
  {
    name: "unrelated key",
    body: values({ colour: "blue" }),
    status: 400,
    code: "RES-102",
    mentions: "keys accepted in driver.values",
  },
  {
    name: "account without secret key",
    body: { type: "redis", driver: { secrets: { account: { aws_access_key_id: "AKIAEXAMPLEEXAMPLE" } } } },
    status: 400,
    code: "RES-107",
    mentions: "driver.secrets.account.aws_secret_access_key",
  },
  // What the provisioner declares it cannot honour (the fake: fields set below, in cluster mode)
  {
    name: "options the provisioner cannot honour, all named",
    body: values({ mode: "cluster", replicas: 2 }),
    status: 400,
    code: "RES-112",
    mentions: /^driver\.values\.mode: .*\(and 1 more problem\)$/,
  },
  // Transport
  {
    name: "oversized body",
    raw: JSON.stringify({ type: "redis", resource: { pad: "x".repeat(70_000) } }),
    status: 413,
    code: "RES-106",
    mentions: "body: the body is larger than 65536 bytes",
  },
  {
    name: "gzip header on a body that is not gzip",
    raw: '{"type":"redis"}',
    headers: { "content-encoding": "gzip" },
    status: 400,
    code: "RES-120",
    mentions: 'content-encoding: the body is not valid "gzip" data',
  },
  {
    name: "deflate header on a body that is not deflate",
    raw: '{"type":"redis"}',
    headers: { "content-encoding": "deflate" },
    status: 400,
    code: "RES-120",
    mentions: "content-encoding",
  },
  {
    name: "brotli header on a body that is not brotli",
    raw: "not brotli at all",
    headers: { "content-encoding": "br" },
    status: 400,
    code: "RES-120",
    mentions: "content-encoding",
  },
  {
    name: "unknown content encoding",
    raw: '{"type":"redis"}',
    headers: { "content-encoding": "compress" },
    status: 415,
    code: "RES-105",
    mentions: "content-type: unsupported body encoding",
  },
  {
    name: "JSON in a charset that is not a UTF",
    raw: '{"type":"redis"}',
    headers: { "content-type": "application/json; charset=latin1" },
    status: 415,
    code: "RES-105",
    mentions: "content-type: unsupported body encoding or charset",
  },
  {
    name: "JSON in a charset nobody knows",
    raw: '{"type":"redis"}',
    headers: { "content-type": "application/json; charset=utf-99" },
    status: 415,
    code: "RES-105",
    mentions: "content-type: unsupported body encoding or charset",
  },
  {
    name: "text/plain body",
    raw: '{"type":"redis"}',
    headers: { "content-type": "text/plain" },
    status: 415,
    code: "RES-105",
    mentions: 'content-type: unsupported content type "text/plain"',
  },
  {
    name: "form body",
    raw: "type=redis",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    status: 415,
    code: "RES-105",
    mentions: "content-type",
  },
  {
    name: "forged cookie does not excuse a bad body",
    body: values({ engine: "x" }),
    headers: { "humanitec-driver-cookie": "c1.Zm9yZ2Vk" },
    status: 400,
    code: "RES-101",
    mentions: "driver.values.engine",
  },
  // Authentication
  {
    name: "no credentials",
    body: values({}),
    headers: { authorization: "" },
    status: 401,
    code: "RES-110",
    mentions: "authorization: no accepted credentials (token: missing bearer token)",
  },
  {
    name: "wrong token",
    body: values({}),
    headers: { authorization: "Bearer wrong-token-0123456789" },
    status: 401,
    code: "RES-110",
    mentions: "authorization: no accepted credentials (token: invalid bearer token)",
  },
  {
    name: "basic auth",
    body: values({}),
    headers: { authorization: "Basic dXNlcjpwYXNz" },
    status: 401,
    code: "RES-110",
    mentions: "authorization",
  },
  {
    name: "no credentials on DELETE",
    method: "DELETE",
    headers: { authorization: "" },
    status: 401,
    code: "RES-110",
    mentions: "authorization",
  },
  // Methods
  {
    name: "POST on a resource",
    method: "POST",
    body: values({}),
    status: 405,
    code: "RES-113",
    mentions: "method",
  },
  {
    name: "PATCH on a resource",
    method: "PATCH",
    body: values({}),
    status: 405,
    code: "RES-113",
    mentions: "method",
  },
];

describe("malformed requests", () => {
  let driver: TestDriver;
  beforeAll(async () => {
    // Only the HTTP layer is under test: the fake provisioner needs no Redis.
    driver = await startTestDriver({ DRIVER_PROVISIONER: "fake", DRIVER_AUTH_TOKEN: TOKEN });
    driver.fake.unsupportedFields = ["driver.values.mode", "driver.values.replicas"];
  });
  afterAll(async () => {
    await driver?.close();
  });

  it("has at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("$name → $status $code", async (c) => {
    const headers: Record<string, string> = {
      ...AUTH,
      ...(c.raw !== undefined ? JSON_TYPE : {}),
      ...c.headers,
    };
    if (headers.authorization === "") delete headers.authorization;
    const url = c.path === undefined ? `${driver.url}${c.id ?? newGuresid()}` : `${driver.origin}${c.path}`;
    const answer = await call(url, {
      method: c.method ?? "PUT",
      headers,
      ...(c.raw !== undefined ? { raw: c.raw } : c.body !== undefined ? { body: c.body } : {}),
    });
    expect(answer.status).toBe(c.status);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    const body = answer.body as { error: string; message: string };
    expect(
      Object.keys(body)
        .filter((key) => key !== "details")
        .sort(),
    ).toEqual(["error", "message"]);
    expect(body.error).toBe(c.code);
    if (typeof c.mentions === "string") expect(body.message).toContain(c.mentions);
    else expect(body.message).toMatch(c.mentions);
    expect(answer.text).not.toMatch(/\n\s+at |node_modules|Error: /);
  });

  it("created nothing while rejecting them", () => {
    expect(driver.fake.calls.filter((call) => call.step !== "delete")).toEqual([]);
  });
});
