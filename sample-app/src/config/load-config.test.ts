import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./load-config.js";
import { redact } from "./redact-config.js";

const PEM_LIKE_GARBAGE = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----";

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("reads the driver outputs from REDIS_* variables with defaults for the rest", () => {
    const config = loadConfig({
      REDIS_HOST: "master.x.cache.amazonaws.com",
      REDIS_PORT: "6380",
      REDIS_USERNAME: "app",
      REDIS_PASSWORD: "s3cret-token",
      REDIS_TLS: "true",
    });
    expect(config).toEqual({
      port: 8080,
      host: "127.0.0.1",
      logLevel: "info",
      shutdownTimeoutMs: 10_000,
      redis: {
        host: "master.x.cache.amazonaws.com",
        port: 6380,
        username: "app",
        password: "s3cret-token",
        tls: true,
        caCertificate: undefined,
        database: 0,
        keyPrefix: "sample-app:",
        cluster: "auto",
      },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.redis)).toBe(true);
  });

  it("treats empty values as unset, as Humanitec injects an empty username", () => {
    const config = loadConfig({ REDIS_HOST: "cache", REDIS_USERNAME: "", REDIS_PASSWORD: "pw", PORT: "" });
    expect(config.redis.username).toBeUndefined();
    expect(config.port).toBe(8080);
  });

  it("accepts IPv6 addresses, with or without brackets", () => {
    expect(loadConfig({ REDIS_HOST: "[::1]" }).redis.host).toBe("::1");
    expect(loadConfig({ REDIS_HOST: "fd00::7" }).redis.host).toBe("fd00::7");
    expect(loadConfig({ REDIS_URL: "redis://[::1]:6390" }).redis).toMatchObject({ host: "::1", port: 6390 });
  });

  it("takes everything from REDIS_URL and lets REDIS_* variables override its parts", () => {
    const fromUrl = loadConfig({ REDIS_URL: "rediss://user:p%40ss@cache.example:6390/2" });
    expect(fromUrl.redis).toMatchObject({
      host: "cache.example",
      port: 6390,
      username: "user",
      password: "p@ss",
      tls: true,
      database: 2,
    });
    const overridden = loadConfig({
      REDIS_URL: "rediss://user:pw@cache.example:6390",
      REDIS_HOST: "other.example",
      REDIS_PASSWORD: "new",
      REDIS_TLS: "false",
    });
    expect(overridden.redis).toMatchObject({
      host: "other.example",
      port: 6390,
      password: "new",
      tls: false,
    });
  });

  it("accepts a CA certificate with literal \\n escapes", async () => {
    const { createTlsFixture } = await import("../testing/tls-fixture.js");
    await using tls = await createTlsFixture();
    const config = loadConfig({
      REDIS_HOST: "cache",
      REDIS_TLS: "true",
      REDIS_CA_CERTIFICATE: tls.caPem.trim().replace(/\n/g, "\\n"),
    });
    expect(config.redis.caCertificate).toBe(tls.caPem.trim());
  });

  it.each([
    [{}, "REDIS_HOST: required; set it to the cache host"],
    [
      { REDIS_HOST: "cache", REDIS_PORT: "abc" },
      'REDIS_PORT: must be a whole number from 1 to 65535, e.g. 6379; got "abc"',
    ],
    [{ REDIS_HOST: "cache", REDIS_PORT: "70000" }, "REDIS_PORT: must be a whole number from 1 to 65535"],
    [
      { REDIS_HOST: "cache", REDIS_PORT: "tcp://10.0.0.7:6379" },
      "REDIS_PORT: looks like a Kubernetes service link",
    ],
    [{ REDIS_HOST: "redis://cache:6379" }, "REDIS_HOST: must be a host name or IP address"],
    [
      { REDIS_HOST: "cache:6379" },
      'REDIS_HOST: must not include a port (got "cache:6379"); put the port in REDIS_PORT',
    ],
    [{ REDIS_HOST: "cache", REDIS_TLS: "yes" }, 'REDIS_TLS: must be "true" or "false"; got "yes"'],
    [
      { REDIS_HOST: "cache", REDIS_TLS: "true", REDIS_CA_CERTIFICATE: "abc" },
      "REDIS_CA_CERTIFICATE: must be a PEM",
    ],
    [
      { REDIS_HOST: "cache", REDIS_TLS: "true", REDIS_CA_CERTIFICATE: PEM_LIKE_GARBAGE },
      "REDIS_CA_CERTIFICATE: is not a readable PEM certificate",
    ],
    [
      { REDIS_HOST: "cache", REDIS_CA_CERTIFICATE: PEM_LIKE_GARBAGE },
      "REDIS_CA_CERTIFICATE: set, but TLS is off",
    ],
    [{ REDIS_HOST: "cache", REDIS_USERNAME: "app" }, "REDIS_USERNAME: set without a password"],
    [{ REDIS_URL: "http://cache:6379" }, 'REDIS_URL: must start with redis:// or rediss://, got "http://"'],
    [{ REDIS_URL: "not a url" }, "REDIS_URL: is not a valid URL"],
    [{ REDIS_URL: "redis://cache/abc" }, "REDIS_URL: path must be empty or a database number"],
    [{ REDIS_URL: "redis://cache?tls=true" }, "REDIS_URL: query parameters and fragments are not supported"],
    [
      { REDIS_HOST: "cache", PORT: "http" },
      'PORT: must be a whole number from 0 to 65535, e.g. 8080; got "http"',
    ],
    [
      { REDIS_HOST: "cache", LOG_LEVEL: "verbose" },
      "LOG_LEVEL: must be one of fatal, error, warn, info, debug",
    ],
    [{ REDIS_HOST: "cache", SHUTDOWN_TIMEOUT_MS: "1e9" }, "SHUTDOWN_TIMEOUT_MS: must be a whole number"],
    [{ REDIS_HOST: "cache", REDIS_KEY_PREFIX: "my prefix" }, "REDIS_KEY_PREFIX: may contain only letters"],
    [{ REDIS_HOST: "cache", REDIS_CLUSTER: "yes" }, 'REDIS_CLUSTER: must be "auto", "true" or "false"'],
    [
      { REDIS_URL: "redis://cache/2", REDIS_CLUSTER: "true" },
      "REDIS_URL: database 2 does not exist in cluster mode",
    ],
  ] as Array<[NodeJS.ProcessEnv, string]>)(
    "rejects %j with a message naming the variable",
    (env, expected) => {
      expect(problemsOf(env).join("\n")).toContain(expected);
    },
  );

  it("lists every problem at once", () => {
    const problems = problemsOf({ REDIS_PORT: "x", REDIS_TLS: "maybe", LOG_LEVEL: "loud", PORT: "-1" });
    expect(problems.map((problem) => problem.split(":")[0])).toEqual(
      expect.arrayContaining(["REDIS_HOST", "REDIS_PORT", "REDIS_TLS", "LOG_LEVEL", "PORT"]),
    );
    expect(problems).toHaveLength(5);
  });

  it("never puts the password or the URL into a message", () => {
    const problems = problemsOf({
      REDIS_URL: "ftp://user:hunter2hunter2@cache:6379",
      REDIS_HOST: "redis://user:hunter2@cache",
    });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).not.toContain("hunter2");
    const message = new ConfigError(problemsOf({ REDIS_URL: "redis://u:hunter2@cache/x?y" })).message;
    expect(message).not.toContain("hunter2");
  });
});

describe("redact", () => {
  it("replaces the password and summarises the CA certificate", () => {
    const config = loadConfig({ REDIS_HOST: "cache", REDIS_PASSWORD: "s3cret-token" });
    const shown = JSON.stringify(redact(config));
    expect(shown).not.toContain("s3cret-token");
    expect(shown).toContain('"password":"[redacted]"');
  });
});
