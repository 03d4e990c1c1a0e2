import { describe, expect, test } from "vitest";
import { renderRedisConfig, sha256Hex, type RedisConfigInput } from "./redis-config.js";

const base: RedisConfigInput = {
  port: 6400,
  bind: ["127.0.0.1", "-::1"],
  dir: "/state/instances/app",
  tls: undefined,
  user: { name: "default", passwordSha256: sha256Hex("app-password") },
  admin: { name: "_local-admin", passwordSha256: sha256Hex("admin-password") },
  maxmemoryPolicy: "volatile-lru",
};

const lines = (config: string) => config.trimEnd().split("\n");

describe("renderRedisConfig", () => {
  test("gives the default user the password, listens in plain TCP and applies the eviction policy", () => {
    const config = lines(renderRedisConfig(base));
    expect(config).toContain("bind 127.0.0.1 -::1");
    expect(config).toContain("port 6400");
    expect(config).not.toContain("tls-port 6400");
    expect(config).toContain("maxmemory-policy volatile-lru");
    expect(config).toContain(`user default reset on #${sha256Hex("app-password")} ~* &* +@all`);
    expect(config).toContain(`user _local-admin reset on #${sha256Hex("admin-password")} ~* &* +@all`);
  });

  test("appends extra directives after the generated ones", () => {
    const config = lines(
      renderRedisConfig({ ...base, extraConfig: ["cluster-enabled yes", "rename-command CONFIG x"] }),
    );
    expect(config.slice(-2)).toEqual(["cluster-enabled yes", "rename-command CONFIG x"]);
    expect(lines(renderRedisConfig(base)).at(-1)).toMatch(/^user _local-admin /);
  });

  test("switches the default user off when the resource has its own ACL user", () => {
    const config = lines(
      renderRedisConfig({ ...base, user: { name: "app", passwordSha256: "ab".repeat(32) } }),
    );
    expect(config).toContain("user default reset off");
    expect(config).toContain(`user app reset on #${"ab".repeat(32)} ~* &* +@all`);
  });

  test("moves the port to TLS and names the certificate files", () => {
    const config = lines(
      renderRedisConfig({
        ...base,
        tls: { certFile: "/t/server.crt", keyFile: "/t/server.key", caFile: "/t/ca.crt" },
      }),
    );
    expect(config).toEqual(
      expect.arrayContaining([
        "port 0",
        "tls-port 6400",
        'tls-cert-file "/t/server.crt"',
        'tls-key-file "/t/server.key"',
        'tls-ca-cert-file "/t/ca.crt"',
        "tls-auth-clients no",
      ]),
    );
  });

  test("never writes a plaintext password and quotes paths with spaces and quotes", () => {
    const config = renderRedisConfig({ ...base, dir: '/tmp/my "state" dir' });
    expect(config).not.toContain("app-password");
    expect(config).not.toContain("admin-password");
    expect(lines(config)).toContain('dir "/tmp/my \\"state\\" dir"');
  });
});
