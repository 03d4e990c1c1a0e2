import { describe, expect, it } from "vitest";
import { driverInputsJsonSchema } from "../http/openapi.js";
import {
  AccountSchema,
  DriverInputsSchema,
  DriverSecretsSchema,
  defaultDriverInputs,
} from "./driver-inputs.js";

const accepts = (values: Record<string, unknown>) => DriverInputsSchema.safeParse(values).success;
const ACCOUNT = { aws_access_key_id: "AKIAEXAMPLEEXAMPLE", aws_secret_access_key: "x".repeat(40) };

/** Values that must pass, and values that look right but are not (an extra character at either end). */
const FIELDS: {
  field: string;
  valid: unknown[];
  invalid: unknown[];
  wrap?: (value: unknown) => Record<string, unknown>;
}[] = [
  {
    field: "shared_cache",
    valid: ["a", "shared-cache", "cache-01-b", "c".repeat(40)],
    invalid: [
      "",
      "-cache",
      "1cache",
      "Cache",
      "cache-",
      "ca--che",
      "cache_1",
      " cache",
      "cache ",
      "c".repeat(41),
    ],
  },
  {
    field: "engine_version",
    valid: ["7", "7.1", "8.0.1", "10.12"],
    invalid: ["", "v7.1", "7.1.2.3", "7.", ".7", "7.1 ", " 7.1", "7.x", "latest"],
  },
  {
    field: "node_type",
    valid: ["cache.t4g.micro", "cache.r7g.xlarge", "cache.m5.24xlarge"],
    invalid: [
      "cache.t4g",
      "xcache.t4g.micro",
      "cache.t4g.micro ",
      "Cache.t4g.micro",
      "cache.t4g.micro!",
      "t4g.micro",
    ],
  },
  {
    field: "username",
    valid: ["a", "app", "app-user-1", `a${"b".repeat(39)}`],
    invalid: ["", "1app", "App", "-app", "app_user", "app user", " app", "app ", `a${"b".repeat(40)}`],
  },
  {
    field: "subnet_group",
    wrap: (subnet_group) => ({ networking: { subnet_group } }),
    valid: ["a", "cache-subnets", "subnets-1", `s${"n".repeat(254)}`],
    invalid: [
      "",
      "Cache-subnets",
      "1subnets",
      "-subnets",
      "subnets!",
      " subnets",
      "subnets ",
      `s${"n".repeat(255)}`,
    ],
  },
  {
    field: "security_group_ids",
    wrap: (id) => ({ networking: { security_group_ids: [id] } }),
    valid: ["sg-01234567", "sg-0123456789abcdef0", `sg-${"a".repeat(17)}`],
    invalid: [
      "sg-0123456",
      `sg-${"a".repeat(18)}`,
      "sg-0123456789ABCDEF0",
      "sg-0123456g",
      "xsg-01234567",
      "sg-01234567 ",
      "sg_01234567",
    ],
  },
  {
    field: "port",
    wrap: (port) => ({ networking: { port } }),
    valid: [1024, 6379, 65535],
    invalid: [1023, 65536, 6379.5, "6379"],
  },
  { field: "shards", valid: [1, 500], invalid: [0, 501, 1.5] },
  { field: "replicas", valid: [0, 5], invalid: [-1, 6] },
  { field: "auth_generation", valid: [0, 1_000_000], invalid: [-1, 1_000_001, 0.5] },
  { field: "deployment", valid: ["node-based", "serverless", "shared"], invalid: ["", "node", "Serverless"] },
  { field: "engine", valid: ["valkey", "redis"], invalid: ["", "memcached", "Redis"] },
  { field: "mode", valid: ["standalone", "cluster"], invalid: ["", "clustered"] },
  { field: "deletion_policy", valid: ["delete", "snapshot"], invalid: ["", "retain"] },
  {
    field: "maxmemory_policy",
    valid: [
      "noeviction",
      "allkeys-lru",
      "allkeys-lfu",
      "allkeys-random",
      "volatile-lru",
      "volatile-lfu",
      "volatile-random",
      "volatile-ttl",
    ],
    invalid: ["", "lru", "allkeys-LRU"],
  },
  { field: "tls", valid: [true, false], invalid: ["true", 1] },
  { field: "at_rest_encryption", valid: [true, false], invalid: ["false", 0] },
];

const cases = (kind: "valid" | "invalid") =>
  FIELDS.flatMap(({ field, wrap, ...values }) =>
    values[kind].map((value) => [field, value, wrap ? wrap(value) : { [field]: value }] as const),
  );

describe("DriverInputsSchema", () => {
  it("defaults to a secure, small cache: TLS and encryption at rest on, one node, no replicas", () => {
    const defaults = {
      deployment: "node-based",
      engine: "valkey",
      node_type: "cache.t4g.micro",
      mode: "standalone",
      shards: 1,
      replicas: 0,
      tls: true,
      at_rest_encryption: true,
      auth_generation: 0,
      maxmemory_policy: "volatile-lru",
      deletion_policy: "delete",
    };
    expect(DriverInputsSchema.parse({})).toEqual(defaults);
    expect(defaultDriverInputs()).toEqual(defaults);
  });

  it.each(cases("valid"))("accepts %s %j", (_field, _value, values) => {
    expect(DriverInputsSchema.safeParse(values).error?.issues).toBeUndefined();
  });

  it.each(cases("invalid"))("rejects %s %j", (_field, _value, values) => {
    expect(accepts(values)).toBe(false);
  });

  it("takes 1 to 5 security groups", () => {
    const ids = (count: number) => Array.from({ length: count }, (_, i) => `sg-0000000${i}`);
    expect(accepts({ networking: { security_group_ids: ids(1) } })).toBe(true);
    expect(accepts({ networking: { security_group_ids: ids(5) } })).toBe(true);
    expect(accepts({ networking: { security_group_ids: ids(0) } })).toBe(false);
    expect(accepts({ networking: { security_group_ids: ids(6) } })).toBe(false);
  });

  it("takes up to 40 tags with keys of 1-128 allowed characters and values of at most 256", () => {
    const tags = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`tag-${i}`, "v"]));
    expect(accepts({ tags: tags(40) })).toBe(true);
    expect(accepts({ tags: tags(41) })).toBe(false);
    expect(accepts({ tags: { "team name_1.a:b/c=d+e-f@g": "x".repeat(256) } })).toBe(true);
    expect(accepts({ tags: { ["k".repeat(128)]: "" } })).toBe(true);
    expect(accepts({ tags: { ["k".repeat(129)]: "" } })).toBe(false);
    expect(accepts({ tags: { "": "v" } })).toBe(false);
    expect(accepts({ tags: { "team!": "v" } })).toBe(false);
    expect(accepts({ tags: { "#team": "v" } })).toBe(false);
    expect(accepts({ tags: { team: "x".repeat(257) } })).toBe(false);
  });

  it("rejects unknown keys, also inside networking", () => {
    expect(accepts({ colour: "blue" })).toBe(false);
    expect(accepts({ networking: { vpc: "vpc-1" } })).toBe(false);
  });

  it("describes every input and every networking field for the inputs_schema and fix hints", () => {
    const values = (driverInputsJsonSchema() as { properties: { values: JsonObject } }).properties.values;
    expect(values.description).toMatch(/driver\.values/);
    const networking = values.properties.networking!;
    expect(networking.description).toMatch(/subnet group/);
    for (const [name, property] of [
      ...Object.entries(values.properties),
      ...Object.entries(networking.properties),
    ]) {
      expect(property.description, name).toMatch(/\w{3,}/);
    }
  });
});

interface JsonObject {
  description?: string;
  properties: Record<string, JsonObject>;
}

describe("AccountSchema", () => {
  it.each([
    ["arn:aws:iam::123456789012:role/driver"],
    ["arn:aws-us-gov:iam::123456789012:role/path/to/driver"],
    ["arn:aws-cn:iam::123456789012:role/d"],
  ])("accepts the role %s", (role_arn) => {
    expect(AccountSchema.safeParse({ ...ACCOUNT, role_arn }).success).toBe(true);
  });

  it.each([
    ["xarn:aws:iam::123456789012:role/driver"],
    ["arn:aws:iam::12345678901:role/driver"],
    ["arn:aws:iam::1234567890123:role/driver"],
    ["arn:aws:iam::12345678901a:role/driver"],
    ["arn:aws:iam::123456789012:user/driver"],
    ["arn:aws:iam::123456789012:role/"],
    ["arn:aws2:iam::123456789012:role/driver"],
    ["arn:gcp:iam::123456789012:role/driver"],
    ["arn:aws:iam::123456789012:role/driver\nrole/other"],
  ])("rejects the role %j", (role_arn) => {
    expect(AccountSchema.safeParse({ ...ACCOUNT, role_arn }).success).toBe(false);
  });

  it("takes keys of plausible length and an optional session token", () => {
    const parse = (account: Record<string, unknown>) => AccountSchema.safeParse(account).success;
    expect(parse(ACCOUNT)).toBe(true);
    expect(parse({ ...ACCOUNT, aws_session_token: "t" })).toBe(true);
    expect(parse({ ...ACCOUNT, aws_session_token: "" })).toBe(false);
    expect(parse({ ...ACCOUNT, aws_access_key_id: "A".repeat(16) })).toBe(true);
    expect(parse({ ...ACCOUNT, aws_access_key_id: "A".repeat(15) })).toBe(false);
    expect(parse({ ...ACCOUNT, aws_access_key_id: "A".repeat(128) })).toBe(true);
    expect(parse({ ...ACCOUNT, aws_access_key_id: "A".repeat(129) })).toBe(false);
    expect(parse({ ...ACCOUNT, aws_secret_access_key: "s".repeat(15) })).toBe(false);
    expect(parse({ ...ACCOUNT, aws_secret_access_key: "s".repeat(256) })).toBe(true);
    expect(parse({ ...ACCOUNT, aws_secret_access_key: "s".repeat(257) })).toBe(false);
    expect(parse({ aws_access_key_id: ACCOUNT.aws_access_key_id })).toBe(false);
    expect(parse({ ...ACCOUNT, region: "eu-west-1" })).toBe(false);
  });

  it("is the only key of driver.secrets, and optional", () => {
    expect(DriverSecretsSchema.parse({})).toEqual({});
    expect(DriverSecretsSchema.parse({ account: ACCOUNT })).toEqual({ account: ACCOUNT });
    expect(DriverSecretsSchema.safeParse({ token: "x" }).success).toBe(false);
  });

  it("describes the account and the secrets for the inputs_schema", () => {
    const secrets = (driverInputsJsonSchema() as { properties: { secrets: JsonObject } }).properties.secrets;
    expect(secrets.description).toMatch(/driver\.secrets/);
    expect(secrets.properties.account!.description).toMatch(/AWS credentials/);
  });
});
