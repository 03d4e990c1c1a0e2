import { describe, expect, it } from "vitest";
import { buildOutputs } from "./outputs.js";

describe("buildOutputs", () => {
  it("hands out host, port and tls as values, and a rediss:// URL with the credentials as secrets", () => {
    const outputs = buildOutputs(
      { host: "cache.example.internal", port: 6380, tls: true, username: "app", caCertificate: "PEM" },
      "s3cret",
    );
    expect(outputs).toEqual({
      values: { host: "cache.example.internal", port: 6380, tls: true, ca_certificate: "PEM" },
      secrets: {
        username: "app",
        password: "s3cret",
        url: "rediss://app:s3cret@cache.example.internal:6380",
      },
    });
  });

  it("uses redis:// without TLS and leaves out a CA that is not given", () => {
    const outputs = buildOutputs({ host: "127.0.0.1", port: 6379, tls: false, username: "default" }, "pw");
    expect(outputs.values).toEqual({ host: "127.0.0.1", port: 6379, tls: false });
    expect(outputs.secrets.url).toBe("redis://default:pw@127.0.0.1:6379");
  });

  it("brackets an IPv6 host in the URL only", () => {
    const outputs = buildOutputs({ host: "::1", port: 6379, tls: false, username: "default" }, "pw");
    expect(outputs.values.host).toBe("::1");
    expect(new URL(outputs.secrets.url).hostname).toBe("[::1]");
  });

  it("percent-encodes user and password so that the URL parses back to them", () => {
    const password = "p@ss:w/rd?#%";
    const outputs = buildOutputs({ host: "h", port: 1, tls: true, username: "us:er@x" }, password);
    const url = new URL(outputs.secrets.url);
    expect(decodeURIComponent(url.username)).toBe("us:er@x");
    expect(decodeURIComponent(url.password)).toBe(password);
    expect(url.host).toBe("h:1");
  });

  it("adds a provisioner's extra values and never lets them replace the connection values", () => {
    const outputs = buildOutputs(
      { host: "h", port: 1, tls: false, username: "u", values: { key_prefix: "app:", host: "other" } },
      "pw",
    );
    expect(outputs.values).toEqual({ key_prefix: "app:", host: "h", port: 1, tls: false });
  });
});
