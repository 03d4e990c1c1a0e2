import { z } from "zod";

/**
 * The driver inputs (`driver.values` of InputData) — what a Resource Definition may set.
 * Every field's description doubles as the fix hint in error messages and as the JSON Schema
 * Humanitec shows for the driver, so it states the accepted values.
 */
const field = <T extends z.ZodType>(schema: T, description: string) => schema.describe(description);

export const TAG_KEY_PATTERN = /^[A-Za-z0-9 _.:/=+\-@]{1,128}$/;

/**
 * Tag keys no resource may have: JavaScript's object internals (`__proto__` would be dropped without
 * a word) and the `aws:` prefix, which AWS keeps for itself.
 */
export const isReservedTagKey = (key: string): boolean =>
  key === "__proto__" || key === "constructor" || key === "prototype" || /^aws:/i.test(key);

export const RESERVED_TAG_KEY_PROBLEM =
  "is a reserved tag key (__proto__, constructor, prototype and aws:* are not allowed)";

const TagKeySchema = z
  .string()
  .regex(TAG_KEY_PATTERN, "a tag key has 1-128 letters, digits, spaces or _ . : / = + - @")
  .refine((key) => !isReservedTagKey(key), { message: RESERVED_TAG_KEY_PROBLEM });

export const NetworkingSchema = z
  .strictObject({
    subnet_group: field(
      z.string().regex(/^[a-z][a-z0-9-]{0,254}$/),
      "the name of an existing ElastiCache subnet group (lowercase letters, digits, hyphens)",
    ).optional(),
    security_group_ids: field(
      z
        .array(z.string().regex(/^sg-[0-9a-f]{8,17}$/))
        .min(1)
        .max(5),
      'a list of 1 to 5 VPC security group ids like "sg-0123456789abcdef0"',
    ).optional(),
    port: field(
      z.int().min(1024).max(65535),
      "an integer TCP port from 1024 to 65535 (default 6379)",
    ).optional(),
  })
  .describe("where the cache lives: subnet group, security groups and port");

export const DriverInputsSchema = z
  .strictObject({
    deployment: field(
      z.enum(["node-based", "serverless", "shared"]),
      '"node-based" (a replication group per resource, default), "serverless" (a serverless cache) or "shared" (a user with a key prefix on the existing cache named by shared_cache)',
    ).default("node-based"),
    shared_cache: field(
      z
        .string()
        .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
        .max(40),
      'for deployment "shared": the id of an existing replication group or serverless cache (lowercase letters, digits, single hyphens)',
    ).optional(),
    engine: field(z.enum(["valkey", "redis"]), 'the cache engine: "valkey" (default) or "redis"').default(
      "valkey",
    ),
    engine_version: field(
      z.string().regex(/^[0-9]+(\.[0-9]+){0,2}$/),
      'an engine version like "8.0" or "7.1"; omit it for the engine\'s default',
    ).optional(),
    node_type: field(
      z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/),
      'an ElastiCache node type like "cache.t4g.micro" (default)',
    ).default("cache.t4g.micro"),
    mode: field(
      z.enum(["standalone", "cluster"]),
      '"standalone" (one shard, default) or "cluster" (cluster mode enabled, see shards)',
    ).default("standalone"),
    shards: field(
      z.int().min(1).max(500),
      "an integer from 1 to 500: shards in cluster mode (default 1)",
    ).default(1),
    replicas: field(
      z.int().min(0).max(5),
      "an integer from 0 to 5: read replicas per shard (default 0)",
    ).default(0),
    tls: field(z.boolean(), "true (default) to require TLS in transit, false for plain TCP").default(true),
    at_rest_encryption: field(z.boolean(), "true (default) to encrypt data at rest, or false").default(true),
    username: field(
      z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
      'an ACL user name (lowercase letter first, then letters, digits, hyphens; at most 40); omit to use "default"',
    ).optional(),
    auth_generation: field(
      z.int().min(0).max(1_000_000),
      "an integer from 0 (default); raise it to rotate the password",
    ).default(0),
    maxmemory_policy: field(
      z.enum([
        "noeviction",
        "allkeys-lru",
        "allkeys-lfu",
        "allkeys-random",
        "volatile-lru",
        "volatile-lfu",
        "volatile-random",
        "volatile-ttl",
      ]),
      'a Redis eviction policy such as "volatile-lru" (default) or "noeviction"',
    ).default("volatile-lru"),
    networking: NetworkingSchema.optional(),
    tags: field(
      z
        .record(TagKeySchema, z.string().max(256))
        .refine((tags) => Object.keys(tags).length <= 40, "at most 40 tags"),
      "a map of up to 40 tags, keys of 1-128 characters, values of at most 256",
    ).optional(),
    usage_limits: z
      .strictObject({
        data_storage_gb: field(
          z.int().min(1).max(5000),
          "an integer from 1 to 5000: the most data a serverless cache holds, in GB (default 10)",
        ).optional(),
        ecpu_per_second: field(
          z.int().min(1000).max(15_000_000),
          "an integer from 1000 to 15000000: the most ElastiCache Processing Units a serverless cache uses per second (default 5000)",
        ).optional(),
      })
      .describe(
        'for deployment "serverless": the caps on data stored and requests, which bound its bill (see docs/elasticache-rules.md)',
      )
      .optional(),
    deletion_policy: field(
      z.enum(["delete", "snapshot"]),
      '"delete" (default) or "snapshot" to keep a final snapshot when the resource is deleted',
    ).default("delete"),
  })
  .describe("Driver inputs (driver.values) for a redis resource");

/** Normalised driver inputs, defaults applied. */
export type DriverInputs = z.output<typeof DriverInputsSchema>;
export type DriverInputsIn = z.input<typeof DriverInputsSchema>;

export const AccountSchema = z
  .strictObject({
    aws_access_key_id: z.string().min(16).max(128),
    aws_secret_access_key: z.string().min(16).max(256),
    aws_session_token: z.string().min(1).optional(),
    role_arn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/.+$/)
      .optional(),
  })
  .describe("AWS credentials of the Humanitec Resource Account (absent: the driver's ambient credentials)");

export const DriverSecretsSchema = z
  .strictObject({
    account: AccountSchema.optional(),
  })
  .describe("Driver secrets (driver.secrets)");

export type DriverSecrets = z.output<typeof DriverSecretsSchema>;

export const defaultDriverInputs = (): DriverInputs => DriverInputsSchema.parse({});
