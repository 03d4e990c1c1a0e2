import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ProvisionerModule } from "../provisioners/provisioner-module.js";
import { PROVISIONERS } from "../provisioners/registry.js";
import { ConfigError, loadConfig, redactConfig } from "./load-config.js";

const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    loadConfig(env, { cwd: "/srv" });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("loadConfig", () => {
  it("gives a local-mode config with defaults from an empty environment", () => {
    const config = loadConfig({}, { cwd: "/srv" });
    expect(config).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      basePath: "/",
      seedBasePath: "/2020",
      localMode: true,
      provisioner: { name: "local", settings: { LOCAL_RUNTIME: "auto", LOCAL_REDIS_IMAGE: "redis:7" } },
      key: { kind: "file", path: "/srv/.driver-state/driver-key", create: true },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("infers token auth from a token and strips trailing slashes from prefixes", () => {
    const config = loadConfig(
      { DRIVER_AUTH_TOKEN: "t".repeat(20), DRIVER_BASE_PATH: "/redis/" },
      { cwd: "/srv" },
    );
    expect(config.auth).toMatchObject({ modes: new Set(["token"]), token: "t".repeat(20) });
    expect(config.basePath).toBe("/redis");
  });

  it("lists every problem at once", () => {
    const problems = problemsOf({ PORT: "http", LOCAL_RUNTIME: "docker", DRIVER_AUTH_TOKEN: "short" });
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/PORT/);
    expect(problems.join("\n")).toMatch(/LOCAL_RUNTIME/);
    expect(problems.join("\n")).toMatch(/DRIVER_AUTH_TOKEN: must be at least 16 characters/);
  });

  it("refuses to listen beyond loopback without auth or a driver key", () => {
    const problems = problemsOf({ HOST: "0.0.0.0" });
    expect(problems).toEqual([
      expect.stringMatching(/^DRIVER_AUTH: required when the driver listens beyond loopback/),
      expect.stringMatching(/^DRIVER_SECRET_KEY: required outside local mode/),
    ]);
  });

  it("accepts an explicit DRIVER_AUTH=none beyond loopback", () => {
    const config = loadConfig({ HOST: "0.0.0.0", DRIVER_AUTH: "none", DRIVER_SECRET_KEY: "k".repeat(32) });
    expect(config.localMode).toBe(false);
    expect(config.auth.modes.size).toBe(0);
  });

  it("requires a token when token auth is asked for, and distinct prefixes", () => {
    expect(problemsOf({ DRIVER_AUTH: "token", DRIVER_SEED_BASE_PATH: "/" })).toEqual([
      "DRIVER_AUTH_TOKEN: required when DRIVER_AUTH includes token",
      "DRIVER_SEED_BASE_PATH: must differ from DRIVER_BASE_PATH",
    ]);
  });

  it("redacts the token and the key", () => {
    const config = loadConfig({
      DRIVER_AUTH_TOKEN: "secret-token-123456",
      DRIVER_SECRET_KEY: "s".repeat(40),
    });
    const text = JSON.stringify(redactConfig(config));
    expect(text).not.toContain("secret-token-123456");
    expect(text).not.toContain("s".repeat(40));
  });

  it("stops on an unknown provisioner, listing the registered ones", () => {
    expect(problemsOf({ DRIVER_PROVISIONER: "memcached" })).toEqual([
      'DRIVER_PROVISIONER: unknown provisioner "memcached"; registered: ' +
        Object.keys(PROVISIONERS).join(", "),
    ]);
  });

  it("validates the chosen provisioner's own settings with the driver's, all at once", () => {
    expect(problemsOf({ PORT: "-1", LOCAL_READY_TIMEOUT_MS: "5" })).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^LOCAL_READY_TIMEOUT_MS: /),
    ]);
  });

  it("takes the key from a file, and refuses two sources of it", () => {
    const config = loadConfig({ DRIVER_KEY_FILE: "keys/driver-key" }, { cwd: "/srv" });
    expect(config.key).toEqual({ kind: "file", path: "/srv/keys/driver-key", create: false });
    expect(problemsOf({ DRIVER_KEY_FILE: "k", DRIVER_SECRET_KEY: "s".repeat(32) })).toEqual([
      "DRIVER_KEY_FILE: set either DRIVER_SECRET_KEY or DRIVER_KEY_FILE, not both",
    ]);
  });

  it("needs a key for a provisioner that does not run on this machine, even on loopback", () => {
    const cloudLike: ProvisionerModule = {
      settings: z.object({}),
      open: () => Promise.reject(new Error("not opened in this test")),
    };
    const registry = { ...PROVISIONERS, cloud: cloudLike };
    expect(() => loadConfig({ DRIVER_PROVISIONER: "cloud" }, { registry })).toThrow(
      /DRIVER_SECRET_KEY: required outside local mode/,
    );
    const config = loadConfig(
      { DRIVER_PROVISIONER: "cloud", DRIVER_SECRET_KEY: "s".repeat(32) },
      { registry },
    );
    expect(config).toMatchObject({
      localMode: false,
      provisioner: { name: "cloud" },
    });
  });
});
