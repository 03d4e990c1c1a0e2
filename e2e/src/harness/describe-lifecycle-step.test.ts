import { describe, expect, it } from "vitest";
import { describeHint, describeLifecycleStep, describeOutputs } from "./describe-lifecycle-step.js";
import type { RedisOutputs } from "./sample-app-process.js";

const outputs: RedisOutputs = {
  values: { host: "127.0.0.1", port: 6390, tls: true, ca_certificate: "-----BEGIN CERTIFICATE-----\nAAAA" },
  secrets: {
    username: "app-user",
    password: "pa55-word-secret",
    url: "rediss://app-user:pa55-word-secret@h:1",
  },
};

describe("describeLifecycleStep", () => {
  it("shows the outputs' values and only the names of their secrets", () => {
    const line = describeLifecycleStep({ step: "created", outputs, ms: 312.4 });
    expect(line).toContain("host 127.0.0.1, port 6390, tls true");
    expect(line).toContain("secrets: username, password, url (not shown)");
    expect(line).toContain("312 ms");
    expect(line).not.toMatch(/pa55-word-secret|app-user|BEGIN CERTIFICATE/);
    expect(describeOutputs(outputs)).not.toContain("pa55-word-secret");
  });

  it("reads a 202 hint against the driver's clock", () => {
    const hint = {
      status: "creating",
      estimated_completion_time: "2030-01-01T00:00:03Z",
      current_time: "2030-01-01T00:00:00Z",
    };
    expect(describeLifecycleStep({ step: "create", status: 202, hint })).toBe(
      "PUT → 202 creating, done in about 3 s",
    );
    expect(describeHint({})).toBe("in progress");
  });

  it("gives the app's reason when the cache is unavailable", () => {
    const readiness = {
      ready: false,
      status: 503,
      body: { status: "unavailable", kind: "unreachable", reason: "Connection refused" },
      reason: "Connection refused",
    };
    expect(describeLifecycleStep({ step: "unavailable", readiness })).toBe(
      "readiness after the delete: 503 (unreachable): Connection refused",
    );
  });
});
